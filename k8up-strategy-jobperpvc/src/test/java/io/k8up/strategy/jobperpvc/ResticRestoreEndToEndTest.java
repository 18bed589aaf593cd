package io.k8up.strategy.jobperpvc;

import static io.k8up.strategy.jobperpvc.JobFixtures.STRATEGY;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.MoreCollectors;
import io.k8up.core.model.AccessMode;
import io.k8up.core.model.Claim;
import io.k8up.core.model.ClaimTarget;
import com.google.common.collect.ImmutableSet;
import io.k8up.core.model.PersistentVolume;
import io.k8up.core.model.Pod;
import io.k8up.core.plan.BackupPlanner;
import io.k8up.core.restore.ImmutableRestoreRequest;
import io.k8up.core.restore.RestoreDecision;
import io.k8up.core.restore.RestoreMethod;
import io.k8up.core.restore.RestorePlanner;
import io.k8up.core.restore.RestoreRequest;
import io.k8up.core.restore.RestoreTarget;
import io.k8up.core.restore.SnapshotChoice;
import io.k8up.core.run.BackupUnits;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.Grouping;
import io.k8up.core.spi.RunContext;
import io.k8up.core.spi.RunId;
import io.k8up.core.spi.support.ResticRestoreCommand;
import io.k8up.core.spi.support.RestoreJobs;
import io.k8up.core.testing.FileTrees;
import io.k8up.core.testing.Fixtures;
import io.k8up.core.testing.GeneratedFiles;
import io.k8up.core.testing.HostPodRunner;
import io.k8up.core.testing.HostRun;
import io.k8up.core.testing.Restic;
import io.k8up.core.testing.ResticRepository;
import io.k8up.core.testing.ResticSnapshot;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimVolumeSource;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Volume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files come back: a claim's files are backed up by this strategy's Job and restored by the
 * restore Job (or the restore's ephemeral container), both run on the host with the real restic and
 * a local repository, into the same path emptied first, as a fresh claim mounted there would be.
 * Bytes, permission bits, modification times and symlink targets are compared. Each test has a
 * namespace of its own, so that restic's host filter keeps the tests' backups apart in the one
 * shared repository.
 */
class ResticRestoreEndToEndTest {

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
  void restoreJobBringsBackBytesModesTimesAndSymlinksOfTheLatestBackup() throws IOException {
    Path claim = GeneratedFiles.writeWithMetadata(Files.createDirectory(work.resolve("data")), 11);
    Path expected = GeneratedFiles.writeWithMetadata(Files.createDirectory(work.resolve("expected")), 11);
    backUp("full", claim, "e2e-r-full");

    emptyDirectory(claim);
    HostRun run = restore(claim, request("full"), repository.secretData());

    assertThat(run.exitCode()).as(run.process().describe()).isZero();
    FileTrees.assertSameFilesAndMetadata(expected, claim);
  }

  @Test
  void snapshotIdAndAsOfPickTheRightOneOfTwoBackups() throws IOException {
    Path claim = GeneratedFiles.writeWithMetadata(Files.createDirectory(work.resolve("data")), 21);
    backUp("two", claim, "e2e-r-first");
    // Between the two backups: restic stamps a backup with its start, so this is after the first only.
    Instant between = Instant.now();
    emptyDirectory(claim);
    GeneratedFiles.writeWithMetadata(claim, 22);
    backUp("two", claim, "e2e-r-second");
    Path first = GeneratedFiles.writeWithMetadata(Files.createDirectory(work.resolve("first")), 21);
    Path second = GeneratedFiles.writeWithMetadata(Files.createDirectory(work.resolve("second")), 22);
    ResticSnapshot firstBackup = onlySnapshot("e2e-r-first");
    ResticSnapshot secondBackup = onlySnapshot("e2e-r-second");

    emptyDirectory(claim);
    assertRestored(restore(claim, request("two").snapshot(SnapshotChoice.id(firstBackup.shortId())),
        repository.secretData()));
    FileTrees.assertSameFilesAndMetadata(first, claim);
    assertReported(firstBackup);

    emptyDirectory(claim);
    assertRestored(restore(claim, request("two").snapshot(SnapshotChoice.asOf(between)), repository.secretData()));
    FileTrees.assertSameFilesAndMetadata(first, claim);
    assertReported(firstBackup);

    emptyDirectory(claim);
    assertRestored(restore(claim, request("two"), repository.secretData()));
    FileTrees.assertSameFilesAndMetadata(second, claim);
    assertReported(secondBackup);
  }

  @Test
  void wrongPasswordFailsAndLeavesTheTargetAsItWas() throws IOException {
    Path claim = GeneratedFiles.writeWithMetadata(Files.createDirectory(work.resolve("data")), 31);
    backUp("password", claim, "e2e-r-password");
    emptyDirectory(claim);
    GeneratedFiles.writeWithMetadata(claim, 32);
    Path before = GeneratedFiles.writeWithMetadata(Files.createDirectory(work.resolve("before")), 32);

    HostRun run = restore(claim, request("password"), repository.secretData("wrong"));

    assertThat(run.exitCode()).as(run.process().describe()).isNotZero();
    assertThat(run.stderr()).contains("wrong password");
    FileTrees.assertSameFilesAndMetadata(before, claim);
    assertThat(terminationMessage()).as("nothing reported as restored").doesNotExist();
  }

  @Test
  void claimWithoutBackupFailsWithItsReasonAndTouchesNothing() throws IOException {
    Path claim = Files.createDirectory(work.resolve("data"));

    HostRun run = restore(claim, request("never-backed-up"), repository.secretData());

    assertThat(run.exitCode()).isEqualTo(ResticRestoreCommand.NO_BACKUP_EXIT);
    assertThat(run.stderr()).contains("k8up-rwo: the repository holds no backup of", "with host never-backed-up");
    assertThat(claim).isEmptyDirectory();
  }

  @Test
  void heldReadWriteOncePodClaimIsRestoredThroughAnEphemeralContainerOfItsPod() throws IOException {
    Path claim = GeneratedFiles.writeWithMetadata(Files.createDirectory(work.resolve("data")), 41);
    Path expected = GeneratedFiles.writeWithMetadata(Files.createDirectory(work.resolve("expected")), 41);
    // Backed up as the strategy backs up any claim: files under /data/<claim>, the namespace as host.
    backUp("held", claim, "e2e-r-held");
    emptyDirectory(claim);

    ClusterSnapshot cluster = cluster("held", AccessMode.READ_WRITE_ONCE_POD);
    RestoreTarget target = plan(cluster, request("held").inUse(true));
    assertThat(target.method()).isEqualTo(RestoreMethod.EPHEMERAL_CONTAINER);
    V1PodSpec app = new V1PodSpec().volumes(List.of(new V1Volume().name("vol-data")
        .persistentVolumeClaim(new V1PersistentVolumeClaimVolumeSource().claimName("data"))));
    HostRun run = runner(claim, repository.secretData())
        .imageDirectory("/tmp", Files.createDirectory(work.resolve("container-tmp")))
        .build()
        .run(app, RestoreJobs.ephemeralContainer(target, unit(target), RunContext.of(RunId.of("e2e-r-held"), tool(),
            cluster)));

    assertRestored(run);
    FileTrees.assertSameFilesAndMetadata(expected, claim);
  }

  private static void assertRestored(HostRun run) {
    assertThat(run.exitCode()).as(run.process().describe()).isZero();
  }

  /** Backs {@code files} up as claim {@code data} of {@code namespace}, through the strategy's Job. */
  private void backUp(String namespace, Path files, String runId) throws IOException {
    ClusterSnapshot cluster = cluster(namespace, AccessMode.READ_WRITE_ONCE);
    BackupUnit unit = BackupUnits.of(BackupPlanner.builder().strategies(List.of(STRATEGY)).build().plan(cluster),
        Grouping.PER_CLAIM, List.of(STRATEGY)).get(0);
    V1Job job = STRATEGY.workflow(unit, RunContext.of(RunId.of(runId), tool(), cluster)).manifests().stream()
        .filter(V1Job.class::isInstance).map(V1Job.class::cast).collect(MoreCollectors.onlyElement());
    HostRun run = runner(files, repository.secretData()).build().run(job);
    assertThat(run.exitCode()).as(run.process().describe()).isZero();
  }

  /** Restores into {@code claim} through the restore Job the plan of {@code request} gives. */
  private HostRun restore(Path claim, ImmutableRestoreRequest.Builder request, Map<String, String> secret) {
    ClusterSnapshot cluster = cluster(request.build().namespace(), AccessMode.READ_WRITE_ONCE);
    RestoreTarget target = plan(cluster, request.inUse(true));
    V1Job job = STRATEGY.restoreWorkflow(target, unit(target), RunContext.of(RunId.of("e2e-restore"), tool(), cluster))
        .orElseThrow().manifests().stream()
        .filter(V1Job.class::isInstance).map(V1Job.class::cast).collect(MoreCollectors.onlyElement());
    return runner(claim, secret).build().run(job);
  }

  /** The run's unit of the restore of {@code target}, as the engine gives it to the strategy. */
  private static BackupUnit unit(RestoreTarget target) {
    return BackupUnit.of(STRATEGY.id(), List.of(ClaimTarget.of(target.namespace(), target.targetClaim(), "pv-data",
        ImmutableSet.of(AccessMode.READ_WRITE_ONCE), target.placement(), target.mountingPods())));
  }

  /** The restore container's termination message reports {@code backup} as the snapshot it restored. */
  private void assertReported(ResticSnapshot backup) throws IOException {
    assertThat(Files.readString(terminationMessage())).startsWith("{\"snapshot\":\"" + backup.id() + "\"");
  }

  /** Where the container's {@code /dev/termination-log} is on the host. */
  private Path terminationMessage() {
    return work.resolve("dev").resolve("termination-log");
  }

  private static RestoreTarget plan(ClusterSnapshot cluster, ImmutableRestoreRequest.Builder request) {
    RestoreDecision decision = RestorePlanner.builder().build().plan(cluster, List.of(), List.of(request.build()))
        .decisions().get(0);
    return decision.target().orElseThrow(() -> new AssertionError(decision.message()));
  }

  private static ImmutableRestoreRequest.Builder request(String namespace) {
    return RestoreRequest.builder().namespace(namespace).claim("data");
  }

  /** Claim {@code data} of {@code namespace}, mounted by a running pod on node-a. */
  private static ClusterSnapshot cluster(String namespace, AccessMode mode) {
    Claim claim = Fixtures.boundClaim("data", mode).namespace(namespace).build();
    Pod pod = Fixtures.runningPod("app-0", "node-a", "data").namespace(namespace).build();
    return ClusterSnapshot.of(List.of(claim), List.of(PersistentVolume.builder().name("pv-data").build()),
        List.of(pod));
  }

  /** The default restic tool, finding restic where this host has it when the restore's script calls it. */
  private static BackupToolSpec tool() {
    return BackupToolSpec.restic(SECRET)
        .putEnv("PATH", Restic.locate().binary().getParent() + ":/usr/bin:/bin")
        .build();
  }

  private HostPodRunner.Builder runner(Path claim, Map<String, String> secret) {
    try {
      Files.createDirectories(work.resolve("dev"));
      Files.deleteIfExists(terminationMessage());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return HostPodRunner.builder(work)
        .imageDirectory("/dev", work.resolve("dev"))
        .executable("restic", Restic.locate().binary())
        .executable("sh", Path.of("/bin/sh"))
        .claim("data", claim)
        .secret(SECRET, secret);
  }

  private static ResticSnapshot onlySnapshot(String runId) {
    List<ResticSnapshot> snapshots = repository.snapshots().stream()
        .filter(snapshot -> snapshot.tags().contains("run=" + runId)).toList();
    assertThat(snapshots).hasSize(1);
    return snapshots.get(0);
  }

  /** Deletes everything under {@code directory}, keeping it: a fresh, empty claim at the same path. */
  private static void emptyDirectory(Path directory) throws IOException {
    try (Stream<Path> walk = Files.walk(directory)) {
      for (Path path : walk.sorted((a, b) -> b.compareTo(a)).toList()) {
        if (!path.equals(directory)) {
          Files.delete(path);
        }
      }
    }
  }
}
