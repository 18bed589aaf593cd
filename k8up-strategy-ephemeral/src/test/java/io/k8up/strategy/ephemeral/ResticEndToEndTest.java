package io.k8up.strategy.ephemeral;

import static io.k8up.strategy.ephemeral.EphemeralFixtures.STRATEGY;
import static org.assertj.core.api.Assertions.assertThat;

import io.k8up.core.model.AccessMode;
import io.k8up.core.model.Pod;
import io.k8up.core.model.PodVolume;
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
import io.kubernetes.client.openapi.models.V1ConfigMapVolumeSource;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimVolumeSource;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ephemeral container the strategy adds to a pod really backs its volumes up: it runs on the
 * host against generated files, mounting the pod's own volumes, with the real restic and a local
 * repository, and every file comes back from the snapshot, byte for byte.
 */
class ResticEndToEndTest {

  private static final String SECRET = "restic-repo";

  @TempDir
  Path work;

  @Test
  void containerInThePodHoldingReadWriteOncePodClaimsBacksUpEveryFileOfThem() throws IOException {
    Pod postgres = Fixtures.runningPod("postgres-0", EphemeralFixtures.NODE)
        .addClaimVolumes(PodVolume.of("pgdata", "data-postgres-0"), PodVolume.of("pgwal", "wal-postgres-0"))
        .build();
    ClusterSnapshot cluster = ClusterSnapshot.of(
        List.of(Fixtures.boundClaim("data-postgres-0", AccessMode.READ_WRITE_ONCE_POD).build(),
            Fixtures.boundClaim("wal-postgres-0", AccessMode.READ_WRITE_ONCE_POD).build()),
        List.of(Fixtures.volumeFor("data-postgres-0").build(), Fixtures.volumeFor("wal-postgres-0").build()),
        List.of(postgres));
    Path data = generate("data", 11);
    Path wal = generate("wal", 12);
    Path imageTmp = Files.createDirectory(work.resolve("image-tmp"));
    ResticRepository repository = ResticRepository.init(Files.createDirectory(work.resolve("repo")), "pw");

    BackupPlan plan = BackupPlanner.builder().strategies(List.of(STRATEGY)).build().plan(cluster);
    BackupUnit unit = BackupUnits.of(plan, Grouping.PER_CLAIM, List.of(STRATEGY)).get(0);
    PlannedContainer materialization = PlannedContainer.of(STRATEGY.workflow(
        unit, RunContext.of(RunId.of("e2e-pod"), BackupToolSpec.restic(SECRET).build(), cluster)));
    HostRun run = HostPodRunner.builder(work)
        .executable("restic", Restic.locate().binary())
        .claim("data-postgres-0", data)
        .claim("wal-postgres-0", wal)
        .secret(SECRET, repository.secretData())
        // The container has no volume of its own: HOME and the cache are in the image's /tmp.
        .imageDirectory("/tmp", imageTmp)
        .build()
        .run(postgresSpec(), materialization.container());

    assertThat(materialization.pod()).isEqualTo("postgres-0");
    assertThat(run.exitCode()).as(run.process().describe()).isZero();
    assertThat(imageTmp.resolve("restic-cache")).as("RESTIC_CACHE_DIR reached restic").isDirectory();
    List<ResticSnapshot> snapshots = repository.snapshots();
    assertThat(snapshots).hasSize(1);
    ResticSnapshot snapshot = snapshots.get(0);
    assertThat(snapshot.hostname()).isEqualTo(Fixtures.NAMESPACE);
    assertThat(snapshot.tags()).containsExactlyInAnyOrder("k8up-rwo", "run=e2e-pod");
    assertThat(snapshot.paths()).extracting(run::containerPath)
        .containsExactlyInAnyOrder("/data/data-postgres-0", "/data/wal-postgres-0");
    repository.assertRestoresExactly(snapshot, Map.of(data.toString(), data, wal.toString(), wal),
        work.resolve("restored"));
  }

  /**
   * The pod's spec as the API server holds it: its claims under volume names of its own, and a
   * volume the backup does not mount.
   */
  private static V1PodSpec postgresSpec() {
    return new V1PodSpec()
        .containers(List.of(new V1Container().name("app").image("postgres:16")
            .volumeMounts(List.of(new V1VolumeMount().name("pgdata").mountPath("/var/lib/postgresql/data")))))
        .volumes(List.of(
            claimVolume("pgdata", "data-postgres-0"),
            claimVolume("pgwal", "wal-postgres-0"),
            new V1Volume().name("config").configMap(new V1ConfigMapVolumeSource().name("postgres"))));
  }

  private static V1Volume claimVolume(String name, String claim) {
    return new V1Volume().name(name).persistentVolumeClaim(new V1PersistentVolumeClaimVolumeSource().claimName(claim));
  }

  private Path generate(String name, long seed) throws IOException {
    return GeneratedFiles.write(Files.createDirectory(work.resolve(name)), seed);
  }
}
