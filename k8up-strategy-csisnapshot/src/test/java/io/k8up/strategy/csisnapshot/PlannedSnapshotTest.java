package io.k8up.strategy.csisnapshot;

import static io.k8up.strategy.csisnapshot.SnapshotFixtures.DRIVER;
import static io.k8up.strategy.csisnapshot.SnapshotFixtures.claim;
import static io.k8up.strategy.csisnapshot.SnapshotFixtures.defaultClass;
import static org.assertj.core.api.Assertions.assertThat;

import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.model.Placement;
import io.k8up.core.model.Pod;
import io.k8up.core.plan.Action;
import io.k8up.core.plan.BackupPlan;
import io.k8up.core.plan.BackupPlanner;
import io.k8up.core.plan.Decision;
import io.k8up.core.plan.DecisionReason;
import io.k8up.core.plan.Subject;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.run.BackupUnits;
import io.k8up.core.spi.Grouping;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.InstalledStrategies;
import io.k8up.core.spi.VolumeAccessStrategy;
import io.k8up.core.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** From a cluster to the objects: the planner offers csi-snapshot what no node-bound strategy can place. */
class PlannedSnapshotTest {

  private static final List<VolumeAccessStrategy> WITH_SNAPSHOTS =
      InstalledStrategies.load().inOrder(List.of("job-per-pvc", "csi-snapshot"));

  /** {@code lost}: unmounted ReadWriteOnce, no node hint; {@code mounted}: a pod on node-a mounts it. */
  private static final ClusterSnapshot CLUSTER = ClusterSnapshot.of(
          List.of(claim("lost"), claim("mounted")),
          List.of(SnapshotFixtures.csiVolume("lost"), SnapshotFixtures.csiVolume("mounted")),
          List.of(Fixtures.runningPod("app-0", "node-a", "mounted").build()))
      .withSnapshotClasses(List.of(defaultClass("csi-aws", DRIVER)));

  @Test
  void unmountedClaimWithoutNodeHintIsBackedUpFromASnapshotAnywhere() {
    BackupPlan plan = BackupPlanner.builder().strategies(WITH_SNAPSHOTS).build().plan(CLUSTER);

    Decision lost = decision(plan, "lost");
    assertThat(lost.action()).isEqualTo(Action.BACKUP);
    assertThat(lost.strategy()).hasValue(CsiSnapshotStrategyProvider.ID);
    assertThat(lost.claimTarget().orElseThrow().placement()).isEqualTo(Placement.anywhere());
    Decision mounted = decision(plan, "mounted");
    assertThat(mounted.strategy()).hasValue("job-per-pvc");
  }

  @Test
  void withoutSnapshotsInTheOrderTheSameClaimHasNoNode() {
    List<VolumeAccessStrategy> jobsOnly = InstalledStrategies.load().inOrder(List.of("job-per-pvc"));

    BackupPlan plan = BackupPlanner.builder().strategies(jobsOnly).build().plan(CLUSTER);

    Decision lost = decision(plan, "lost");
    assertThat(lost.action()).isEqualTo(Action.FAIL);
    assertThat(lost.reason()).isEqualTo(DecisionReason.NO_NODE);
  }

  @Test
  void withoutAClassForTheDriverTheClaimFailsWithTheStrategysReason() {
    ClusterSnapshot withoutClasses = CLUSTER.withSnapshotClasses(List.of());

    BackupPlan plan = BackupPlanner.builder().strategies(WITH_SNAPSHOTS).build().plan(withoutClasses);

    Decision lost = decision(plan, "lost");
    assertThat(lost.action()).isEqualTo(Action.FAIL);
    assertThat(lost.message()).contains("csi-snapshot", "CSI driver " + DRIVER);
  }

  @Test
  void plannedUnitIsOneClaimAndMaterializesIntoTheSnapshotOfThatClaim() {
    BackupPlan plan = BackupPlanner.builder().strategies(WITH_SNAPSHOTS).build().plan(CLUSTER);

    for (Grouping grouping : Grouping.values()) {
      List<BackupUnit> units = BackupUnits.of(plan, grouping, WITH_SNAPSHOTS).stream()
          .filter(unit -> unit.strategyId().equals(CsiSnapshotStrategyProvider.ID))
          .toList();
      assertThat(units).as(grouping.name()).singleElement()
          .satisfies(unit -> assertThat(unit.claimNames()).containsExactly("lost"));
      SnapshotObjects materialization =
          SnapshotFixtures.materialize(units.get(0), SnapshotFixtures.context(CLUSTER));
      assertThat(materialization.volumeSnapshot().getRaw().getAsJsonObject("spec").getAsJsonObject("source")
          .get("persistentVolumeClaimName").getAsString()).isEqualTo("lost");
    }
  }

  @Test
  void claimAnnotatedForSnapshotsIsSnapshottedEvenWhereAPodMountsIt() {
    Pod app = Fixtures.runningPod("app-0", "node-a", "mounted").build();
    ClusterSnapshot annotated = ClusterSnapshot.of(
            List.of(SnapshotFixtures.claimBuilder("mounted")
                .putAnnotations(K8upAnnotations.VOLUME_ACCESS, CsiSnapshotStrategyProvider.ID)
                .build()),
            List.of(SnapshotFixtures.csiVolume("mounted")),
            List.of(app))
        .withSnapshotClasses(CLUSTER.snapshotClasses());

    BackupPlan plan = BackupPlanner.builder().strategies(WITH_SNAPSHOTS).build().plan(annotated);

    Decision mounted = decision(plan, "mounted");
    assertThat(mounted.strategy()).hasValue(CsiSnapshotStrategyProvider.ID);
    assertThat(mounted.claimTarget().orElseThrow().placement().type()).isEqualTo(Placement.Type.POD_NODE);
    BackupUnit unit = BackupUnits.of(plan, Grouping.PER_NODE, WITH_SNAPSHOTS).get(0);
    assertThat(SnapshotFixtures.podSpec(SnapshotFixtures.materialize(unit, SnapshotFixtures.context(annotated)))
        .getAffinity()).isNull();
  }

  private static Decision decision(BackupPlan plan, String claim) {
    return plan.decision(Subject.claim(Fixtures.NAMESPACE, claim)).orElseThrow();
  }
}
