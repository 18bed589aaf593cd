package io.k8up.strategy.jobperpvc;

import static io.k8up.strategy.jobperpvc.JobFixtures.STRATEGY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.MoreCollectors;
import io.k8up.core.model.AccessMode;
import io.k8up.core.model.Claim;
import io.k8up.core.model.PersistentVolume;
import io.k8up.core.model.Pod;
import io.k8up.core.plan.BackupPlan;
import io.k8up.core.plan.BackupPlanner;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.run.BackupUnits;
import io.k8up.core.spi.Grouping;
import io.k8up.core.spi.RunContext;
import io.k8up.core.spi.RunId;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.testing.Fixtures;
import io.k8up.core.testing.GeneratedFiles;
import io.k8up.core.testing.HostPodRunner;
import io.k8up.core.testing.HostRun;
import io.k8up.core.testing.Restic;
import io.k8up.core.testing.ResticRepository;
import io.k8up.core.testing.ResticSnapshot;
import io.kubernetes.client.openapi.models.V1Job;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Jobs the strategy makes really back files up: each runs on the host against generated files,
 * with the real restic and a local repository, and every file comes back from the snapshot, byte
 * for byte. All tests share one repository (creating one costs seconds) and tell their snapshots
 * apart by their run's tag.
 */
class ResticEndToEndTest {

  private static final String SECRET = "restic-repo";
  private static final String PASSWORD = "correct horse battery staple";

  @TempDir
  static Path shared;

  private static ResticRepository repository;

  @TempDir
  Path work;

  @BeforeAll
  static void createRepository() {
    repository = ResticRepository.init(shared, PASSWORD);
  }

  @Test
  void perClaimJobBacksUpEveryFileOfItsClaimUnderItsMountPath() throws IOException {
    ClusterSnapshot cluster = cluster(claim("shop", "data"), pod("shop", "app-0", "data"));
    Path files = generate("data", 1);

    BackupUnit unit = onlyElement(units(cluster, Grouping.PER_CLAIM));
    HostRun run = runner().claim("data", files).secret(SECRET, repository.secretData()).build()
        .run(job(unit, cluster, "e2e-claim"));

    assertThat(run.exitCode()).as(run.process().describe()).isZero();
    ResticSnapshot snapshot = onlyElement(snapshotsOf("e2e-claim"));
    assertThat(snapshot.hostname()).isEqualTo("shop");
    assertThat(snapshot.tags()).containsExactlyInAnyOrder("k8up-rwo", "run=e2e-claim");
    assertThat(snapshot.paths()).extracting(run::containerPath).containsExactly("/data/data");
    repository.assertRestoresExactly(snapshot, Map.of(files.toString(), files), work.resolve("restored"));
  }

  @Test
  void perNodeJobBacksUpBothClaimsInOneSnapshotUnderPathsOfTheirOwn() throws IOException {
    ClusterSnapshot cluster = cluster(
        List.of(claim("shop", "orders"), claim("shop", "invoices")),
        List.of(pod("shop", "orders-0", "orders"), pod("shop", "invoices-0", "invoices")));
    Path orders = generate("orders", 2);
    Path invoices = generate("invoices", 3);

    BackupUnit unit = onlyElement(units(cluster, Grouping.PER_NODE));
    HostRun run = runner().claim("orders", orders).claim("invoices", invoices)
        .secret(SECRET, repository.secretData()).build()
        .run(job(unit, cluster, "e2e-node"));

    assertThat(unit.claimNames()).containsExactlyInAnyOrder("orders", "invoices");
    assertThat(run.exitCode()).as(run.process().describe()).isZero();
    ResticSnapshot snapshot = onlyElement(snapshotsOf("e2e-node"));
    assertThat(snapshot.paths()).extracting(run::containerPath)
        .containsExactlyInAnyOrder("/data/orders", "/data/invoices");
    // Different seeds: a path holding the other claim's files fails the comparison.
    repository.assertRestoresExactly(snapshot,
        Map.of(orders.toString(), orders, invoices.toString(), invoices), work.resolve("restored"));
  }

  @Test
  void sameClaimNameInTwoNamespacesIsKeptApartByTheHostName() throws IOException {
    ClusterSnapshot cluster = cluster(
        List.of(claim("shop", "data"), claim("billing", "data")),
        List.of(pod("shop", "app-0", "data"), pod("billing", "app-0", "data")));
    Map<String, Path> files = Map.of("shop", generate("shop-data", 4), "billing", generate("billing-data", 5));

    List<BackupUnit> units = units(cluster, Grouping.PER_NODE);
    assertThat(units).hasSize(2);
    for (BackupUnit unit : units) {
      // Each namespace has its own Secret of the same name; both point at one repository.
      HostRun run = runner().claim("data", files.get(unit.namespace()))
          .secret(SECRET, repository.secretData()).build()
          .run(job(unit, cluster, "e2e-namespaces"));
      assertThat(run.exitCode()).as(run.process().describe()).isZero();
      assertThat(run.containerPath(files.get(unit.namespace()).toString())).isEqualTo("/data/data");
    }

    List<ResticSnapshot> snapshots = snapshotsOf("e2e-namespaces");
    assertThat(snapshots).extracting(ResticSnapshot::hostname).containsExactlyInAnyOrder("shop", "billing");
    for (ResticSnapshot snapshot : snapshots) {
      Path source = files.get(snapshot.hostname());
      repository.assertRestoresExactly(snapshot, Map.of(source.toString(), source),
          work.resolve("restored-" + snapshot.hostname()));
    }
  }

  @Test
  void wrongPasswordFailsTheBackupAndWritesNoSnapshot() throws IOException {
    ClusterSnapshot cluster = cluster(claim("shop", "data"), pod("shop", "app-0", "data"));

    HostRun run = runner().claim("data", generate("data", 6)).secret(SECRET, repository.secretData("wrong"))
        .build()
        .run(job(onlyElement(units(cluster, Grouping.PER_CLAIM)), cluster, "e2e-wrong-password"));

    assertThat(run.exitCode()).as(run.process().describe()).isNotZero();
    assertThat(run.stderr()).contains("wrong password");
    assertThat(snapshotsOf("e2e-wrong-password")).isEmpty();
  }

  @Test
  void toolBackingUpAnotherDirectoryIsCaughtByTheComparison() throws IOException {
    ClusterSnapshot cluster = cluster(claim("shop", "data"), pod("shop", "app-0", "data"));
    Path files = generate("data", 7);
    // A broken template: it backs up the empty scratch directory instead of the claim's mount path.
    BackupToolSpec broken = BackupToolSpec.restic(SECRET)
        .args(List.of("backup", "--no-cache", "--host", "{namespace}", "--tag", "run={runId}", "/tmp"))
        .build();
    RunContext context = RunContext.of(RunId.of("e2e-broken"), broken, cluster);
    V1Job job = job(onlyElement(units(cluster, Grouping.PER_CLAIM)), context);

    HostRun run = runner().claim("data", files).secret(SECRET, repository.secretData()).build().run(job);

    assertThat(run.exitCode()).as(run.process().describe()).isZero();
    ResticSnapshot snapshot = onlyElement(snapshotsOf("e2e-broken"));
    assertThat(snapshot.paths()).extracting(run::containerPath).containsExactly("/tmp");
    String backedUp = snapshot.paths().get(0);
    assertThatThrownBy(() -> repository.assertRestoresExactly(snapshot, Map.of(backedUp, files),
        work.resolve("restored")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("differs from " + files + ": missing ");
  }

  private static ClusterSnapshot cluster(Claim claim, Pod pod) {
    return cluster(List.of(claim), List.of(pod));
  }

  /** These claims, each with a volume of its own, and these pods. */
  private static ClusterSnapshot cluster(List<Claim> claims, List<Pod> pods) {
    List<PersistentVolume> volumes = claims.stream()
        .<PersistentVolume>map(claim -> PersistentVolume.builder().name(claim.volumeName().orElseThrow()).build())
        .toList();
    return ClusterSnapshot.of(claims, volumes, pods);
  }

  /** A ReadWriteOnce claim, bound to a volume named after its namespace and name. */
  private static Claim claim(String namespace, String name) {
    return Fixtures.boundClaim(name, AccessMode.READ_WRITE_ONCE)
        .namespace(namespace)
        .volumeName("pv-" + namespace + "-" + name)
        .build();
  }

  /** A running pod on node-a mounting {@code claim}. */
  private static Pod pod(String namespace, String name, String claim) {
    return Fixtures.runningPod(name, "node-a", claim).namespace(namespace).build();
  }

  private static List<BackupUnit> units(ClusterSnapshot cluster, Grouping grouping) {
    BackupPlan plan = BackupPlanner.builder().strategies(List.of(STRATEGY)).build().plan(cluster);
    return BackupUnits.of(plan, grouping, List.of(STRATEGY));
  }

  /** The Job of {@code unit} in run {@code runId}, with the default restic tool. */
  private static V1Job job(BackupUnit unit, ClusterSnapshot cluster, String runId) {
    return job(unit, RunContext.of(RunId.of(runId), BackupToolSpec.restic(SECRET).build(), cluster));
  }

  private static V1Job job(BackupUnit unit, RunContext context) {
    return STRATEGY.workflow(unit, context).manifests().stream()
        .filter(V1Job.class::isInstance)
        .map(V1Job.class::cast)
        .collect(MoreCollectors.onlyElement());
  }

  private HostPodRunner.Builder runner() {
    return HostPodRunner.builder(work).executable("restic", Restic.locate().binary());
  }

  /** A fresh directory of generated files, for a claim. */
  private Path generate(String name, long seed) throws IOException {
    return GeneratedFiles.write(Files.createDirectory(work.resolve(name)), seed);
  }

  private static List<ResticSnapshot> snapshotsOf(String runId) {
    return repository.snapshots().stream().filter(snapshot -> snapshot.tags().contains("run=" + runId)).toList();
  }

  private static <T> T onlyElement(List<T> list) {
    assertThat(list).hasSize(1);
    return list.get(0);
  }
}
