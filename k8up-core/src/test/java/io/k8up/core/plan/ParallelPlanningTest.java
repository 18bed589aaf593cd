package io.k8up.core.plan;

import static io.k8up.core.model.AccessMode.READ_WRITE_MANY;
import static io.k8up.core.model.AccessMode.READ_WRITE_ONCE;
import static io.k8up.core.testing.Fixtures.annotation;
import static io.k8up.core.testing.Fixtures.boundClaim;
import static io.k8up.core.testing.Fixtures.runningPod;
import static io.k8up.core.testing.Fixtures.volumeFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.k8up.core.model.Claim;
import io.k8up.core.model.ClaimPhase;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.model.PersistentVolume;
import io.k8up.core.model.Pod;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.testing.ClusterGenerators;
import io.k8up.core.testing.TestStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Claims decided in parallel give the plan of claims decided one after another. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ParallelPlanningTest {

  private static final int SEQUENTIAL = Integer.MAX_VALUE;

  private final BackupPlanner withoutStrategies = BackupPlanner.builder().build();
  private final BackupPlanner withStrategies = BackupPlanner.builder()
      .strategies(List.of(
          TestStrategy.nodeBound("bound", target -> target.name().hashCode() % 3 != 0, "refused"),
          TestStrategy.nodeFree("free", target -> target.name().hashCode() % 2 == 0, "refused too")))
      .build();

  @Test
  void everyGeneratedClusterIsPlannedAsOneClaimAfterAnother() {
    qt().withExamples(200).forAll(ClusterGenerators.clusters(60, 80)).checkAssert(cluster -> {
      ClusterSnapshot snapshot = cluster.snapshot();
      assertThat(withoutStrategies.plan(snapshot, 1)).isEqualTo(withoutStrategies.plan(snapshot, SEQUENTIAL));
      assertThat(withStrategies.plan(snapshot, 1)).isEqualTo(withStrategies.plan(snapshot, SEQUENTIAL));
    });
  }

  @Test
  void largeSnapshotIsPlannedInParallelAsOneClaimAfterAnother() {
    ClusterSnapshot snapshot = large(3 * BackupPlanner.PARALLEL_FROM);

    BackupPlan parallel = withStrategies.plan(snapshot);

    assertThat(parallel).isEqualTo(withStrategies.plan(snapshot, SEQUENTIAL));
    assertThat(parallel.decisions()).hasSize(snapshot.claims().size() + snapshot.pods().size() / 2);
    assertThat(withoutStrategies.plan(snapshot)).isEqualTo(withoutStrategies.plan(snapshot, SEQUENTIAL));
  }

  /**
   * {@code claims} claims of every kind of decision: mounted, opted out, shared, unbound, without
   * volume, placed by nothing; and a pod with a backup command for every other mounting pod.
   */
  private static ClusterSnapshot large(int claims) {
    List<Claim> all = new ArrayList<>();
    List<PersistentVolume> volumes = new ArrayList<>();
    List<Pod> pods = new ArrayList<>();
    for (int i = 0; i < claims; i++) {
      String name = "data-" + i;
      switch (i % 6) {
        case 0 -> all.add(boundClaim(name, READ_WRITE_ONCE).build());
        case 1 -> all.add(boundClaim(name, READ_WRITE_ONCE).annotations(annotation(K8upAnnotations.BACKUP, "false")).build());
        case 2 -> all.add(boundClaim(name, READ_WRITE_MANY).build());
        case 3 -> all.add(boundClaim(name, READ_WRITE_ONCE).phase(ClaimPhase.PENDING).build());
        case 4 -> all.add(boundClaim(name, READ_WRITE_ONCE).volumeName("missing-" + i).build());
        default -> all.add(boundClaim(name, READ_WRITE_ONCE).build());
      }
      if (i % 6 != 4) {
        volumes.add(volumeFor(name).build());
      }
      if (i % 6 == 0) {
        pods.add(i % 12 == 0
            ? runningPod("app-" + i, "worker-" + i % 7, name)
                .putAnnotations(K8upAnnotations.BACKUP_COMMAND, "dump " + i).build()
            : runningPod("app-" + i, "worker-" + i % 7, name).build());
      }
    }
    return ClusterSnapshot.of(all, volumes, pods);
  }
}
