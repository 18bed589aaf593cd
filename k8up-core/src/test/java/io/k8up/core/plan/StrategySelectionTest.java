package io.k8up.core.plan;

import static io.k8up.core.model.AccessMode.READ_WRITE_MANY;
import static io.k8up.core.model.AccessMode.READ_WRITE_ONCE;
import static io.k8up.core.model.AccessMode.READ_WRITE_ONCE_POD;
import static io.k8up.core.testing.Fixtures.boundClaim;
import static io.k8up.core.testing.Fixtures.runningPod;
import static io.k8up.core.testing.Fixtures.volumeFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k8up.core.model.Claim;
import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.model.Placement;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.RunContext;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.Workflow;
import io.k8up.core.spi.Support;
import io.k8up.core.spi.VolumeAccessStrategy;
import io.k8up.core.testing.TestStrategy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Choosing a volume-access strategy per claim, with test strategies. */
class StrategySelectionTest {

  private static final TestStrategy NOT_SAME_POD =
      TestStrategy.nodeBound("jobs", target -> !target.placement().samePodOnly(), "cannot mount a held ReadWriteOncePod volume");
  private static final TestStrategy INSIDE_POD =
      TestStrategy.nodeBound("inside", target -> target.placement().type() == Placement.Type.POD_NODE, "needs a pod that holds the volume");
  private static final TestStrategy SNAPSHOTS = TestStrategy.nodeFree("snapshots", target -> true, "");

  private final ClusterSnapshot snapshot = ClusterSnapshot.of(
      List.of(
          boundClaim("shared", READ_WRITE_MANY).build(),
          boundClaim("held", READ_WRITE_ONCE_POD).build(),
          boundClaim("mounted", READ_WRITE_ONCE).build(),
          boundClaim("orphan", READ_WRITE_ONCE).build()),
      List.of(volumeFor("shared").build(), volumeFor("held").build(), volumeFor("mounted").build(), volumeFor("orphan").build()),
      List.of(runningPod("app-0", "worker-1", "held", "mounted").build()));

  @Test
  void withoutStrategiesClaimsAreDecidedAndPlacedWithoutOne() {
    BackupPlan plan = BackupPlanner.builder().build().plan(snapshot);

    assertThat(plan.decisions(Action.BACKUP)).hasSize(3).allSatisfy(decision -> assertThat(decision.strategy()).isEmpty());
  }

  @Test
  void eachClaimGetsTheFirstStrategyInOrderThatSupportsIt() {
    BackupPlan plan = BackupPlanner.builder().strategies(List.of(NOT_SAME_POD, INSIDE_POD)).build().plan(snapshot);

    assertThat(strategyOf(plan, "shared")).isEqualTo("jobs");
    assertThat(strategyOf(plan, "mounted")).isEqualTo("jobs");
    assertThat(strategyOf(plan, "held")).isEqualTo("inside");
  }

  @Test
  void orderIsThePreference() {
    BackupPlan plan = BackupPlanner.builder().strategies(List.of(INSIDE_POD, NOT_SAME_POD)).build().plan(snapshot);

    assertThat(strategyOf(plan, "mounted")).isEqualTo("inside");
    assertThat(strategyOf(plan, "shared")).isEqualTo("jobs");
  }

  @Test
  void theVolumeAccessAnnotationPicksItsStrategyOverTheOrder() {
    ClusterSnapshot annotated = annotate("mounted", "inside");

    Decision mounted = decision(BackupPlanner.builder().strategies(List.of(NOT_SAME_POD, INSIDE_POD)).build()
        .plan(annotated), "mounted");

    assertThat(mounted.strategy()).contains("inside");
  }

  @Test
  void aVolumeAccessAnnotationWhoseStrategyRefusesFailsWithThatReasonOnly() {
    ClusterSnapshot annotated = annotate("shared", "inside");

    Decision shared = decision(BackupPlanner.builder().strategies(List.of(NOT_SAME_POD, INSIDE_POD)).build()
        .plan(annotated), "shared");

    assertThat(shared.reason()).isEqualTo(DecisionReason.NO_STRATEGY);
    assertThat(shared.message()).contains("k8up.io/volume-access annotation asks for", "inside: needs a pod")
        .doesNotContain("jobs:");
  }

  @Test
  void aVolumeAccessAnnotationNamingNoEnabledStrategyIsInvalid() {
    ClusterSnapshot annotated = annotate("orphan", "teleport");

    Decision orphan = decision(BackupPlanner.builder().strategies(List.of(NOT_SAME_POD, SNAPSHOTS)).build()
        .plan(annotated), "orphan");

    assertThat(orphan.reason()).isEqualTo(DecisionReason.INVALID_ANNOTATION);
    assertThat(orphan.message()).contains("k8up.io/volume-access=\"teleport\"", "enabled: jobs, snapshots");
  }

  private ClusterSnapshot annotate(String claim, String strategy) {
    return ClusterSnapshot.of(
        snapshot.claims().stream()
            .map(c -> c.name().equals(claim)
                ? (Claim) Claim.builder().from(c).putAnnotations(K8upAnnotations.VOLUME_ACCESS, strategy).build() : c)
            .toList(),
        snapshot.volumes(), snapshot.pods());
  }

  @Test
  void claimNoStrategySupportsFailsWithEveryStrategysReason() {
    Decision held = decision(BackupPlanner.builder().strategies(List.of(NOT_SAME_POD)).build().plan(snapshot), "held");

    assertThat(held.action()).isEqualTo(Action.FAIL);
    assertThat(held.reason()).isEqualTo(DecisionReason.NO_STRATEGY);
    assertThat(held.message()).contains("jobs: cannot mount a held ReadWriteOncePod volume");
  }

  @Test
  void claimWithoutNodeFailsWhenOnlyNodeBoundStrategiesSupportIt() {
    Decision orphan = decision(BackupPlanner.builder().strategies(List.of(NOT_SAME_POD, INSIDE_POD)).build().plan(snapshot), "orphan");

    assertThat(orphan.action()).isEqualTo(Action.FAIL);
    assertThat(orphan.reason()).isEqualTo(DecisionReason.NO_NODE);
  }

  @Test
  void claimWithoutNodeIsBackedUpByAStrategyThatNeedsNoNode() {
    Decision orphan = decision(BackupPlanner.builder().strategies(List.of(NOT_SAME_POD, SNAPSHOTS)).build().plan(snapshot), "orphan");

    assertThat(orphan.action()).isEqualTo(Action.BACKUP);
    assertThat(orphan.reason()).isEqualTo(DecisionReason.SNAPSHOT);
    assertThat(orphan.strategy()).contains("snapshots");
    assertThat(orphan.claimTarget().orElseThrow().placement()).isEqualTo(Placement.anywhere());
  }

  @Test
  void nodeFreeStrategyThatRefusesLeavesNoNodeWithItsReason() {
    TestStrategy refusing = TestStrategy.nodeFree("snapshots", target -> false, "no VolumeSnapshotClass for driver x");

    Decision orphan = decision(BackupPlanner.builder().strategies(List.of(refusing)).build().plan(snapshot), "orphan");

    assertThat(orphan.reason()).isEqualTo(DecisionReason.NO_NODE);
    assertThat(orphan.message()).contains("snapshots: no VolumeSnapshotClass for driver x");
  }

  @Test
  void strategyThatThrowsOrAnswersNullIsRefusedNotFatal() {
    VolumeAccessStrategy throwing = new NamedStrategy("throwing") {
      @Override
      public Support supports(ClaimTarget target, ClusterSnapshot snapshot) {
        throw new IllegalStateException("kaputt");
      }
    };
    VolumeAccessStrategy silent = new NamedStrategy("silent") {
      @Override
      public Support supports(ClaimTarget target, ClusterSnapshot snapshot) {
        return null;
      }
    };

    Decision shared = decision(BackupPlanner.builder().strategies(List.of(throwing, silent)).build().plan(snapshot), "shared");

    assertThat(shared.reason()).isEqualTo(DecisionReason.NO_STRATEGY);
    assertThat(shared.message()).contains("throwing: the strategy failed", "kaputt", "silent: the strategy gave no answer");
  }

  @Test
  void twoStrategiesWithOneIdAreRejected() {
    assertThatThrownBy(() -> BackupPlanner.builder().strategies(List.of(SNAPSHOTS, SNAPSHOTS)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void eachSettingCanBeSetOnce() {
    assertThatThrownBy(() -> BackupPlanner.builder().requireOptIn(true).requireOptIn(false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("requireOptIn");
  }

  private static String strategyOf(BackupPlan plan, String claim) {
    return decision(plan, claim).strategy().orElseThrow();
  }

  private static Decision decision(BackupPlan plan, String claim) {
    return plan.decision(Subject.claim("shop", claim)).orElseThrow();
  }

  private abstract static class NamedStrategy implements VolumeAccessStrategy {
    private final String id;

    NamedStrategy(String id) {
      this.id = id;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public Workflow workflow(BackupUnit unit, RunContext context) {
      throw new UnsupportedOperationException("planning tests never materialize");
    }
  }
}
