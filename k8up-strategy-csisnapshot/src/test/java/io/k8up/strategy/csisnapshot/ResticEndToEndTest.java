package io.k8up.strategy.csisnapshot;

import static io.k8up.strategy.csisnapshot.SnapshotFixtures.STRATEGY;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Job the strategy runs on the temporary claim really backs the files up, and records them as
 * the original claim's: it runs on the host against a copy of generated files (what restoring the
 * snapshot gives), with the real restic and a local repository, and every file comes back.
 */
class ResticEndToEndTest {

  private static final String SECRET = "restic-repo";

  @TempDir
  Path work;

  @Test
  void jobOnTheRestoredClaimBacksUpEveryFileUnderTheOriginalClaimsPathAndHost() throws IOException {
    ClusterSnapshot cluster = SnapshotFixtures.cluster(SnapshotFixtures.claim("lost"));
    Path original = generate("lost", 21);
    // Restoring the VolumeSnapshot gives the temporary claim the same files: the same seed, the same bytes.
    Path restoredVolume = generate("restored-volume", 21);
    ResticRepository repository = ResticRepository.init(Files.createDirectory(work.resolve("repo")), "pw");

    BackupPlan plan = BackupPlanner.builder().strategies(List.of(STRATEGY)).build().plan(cluster);
    BackupUnit unit = BackupUnits.of(plan, Grouping.PER_CLAIM, List.of(STRATEGY)).get(0);
    SnapshotObjects materialization = SnapshotObjects.of(STRATEGY.workflow(
        unit, RunContext.of(RunId.of("e2e-snapshot"), BackupToolSpec.restic(SECRET).build(), cluster)));
    String temporaryClaim = materialization.temporaryClaim().getMetadata().getName();
    // Only the temporary claim has a host directory: a Job mounting the original claim fails to run.
    HostRun run = HostPodRunner.builder(work)
        .executable("restic", Restic.locate().binary())
        .claim(temporaryClaim, restoredVolume)
        .secret(SECRET, repository.secretData())
        .build()
        .run(materialization.job());

    assertThat(temporaryClaim).isNotEqualTo("lost");
    assertThat(run.exitCode()).as(run.process().describe()).isZero();
    List<ResticSnapshot> snapshots = repository.snapshots();
    assertThat(snapshots).hasSize(1);
    ResticSnapshot snapshot = snapshots.get(0);
    // As docs/strategies/csi-snapshot.md says: the host and path of a job-per-pvc backup of the claim.
    assertThat(snapshot.hostname()).isEqualTo(Fixtures.NAMESPACE);
    assertThat(snapshot.tags()).containsExactlyInAnyOrder("k8up-rwo", "run=e2e-snapshot");
    assertThat(snapshot.paths()).extracting(run::containerPath).containsExactly("/data/lost");
    repository.assertRestoresExactly(snapshot, Map.of(restoredVolume.toString(), original), work.resolve("restored"));
  }

  private Path generate(String name, long seed) throws IOException {
    return GeneratedFiles.write(Files.createDirectory(work.resolve(name)), seed);
  }
}
