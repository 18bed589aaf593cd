package io.k8up.core.run;

import io.k8up.core.spi.BackupToolSpec;

import io.k8up.core.spi.Grouping;

import io.k8up.core.spi.RunObjects;

import io.k8up.core.spi.RunId;

import io.k8up.core.spi.RunContext;

import io.k8up.core.spi.BackupUnit;

import static io.k8up.core.testing.Fixtures.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import io.k8up.core.model.AccessMode;
import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.Placement;
import io.k8up.core.plan.Decision;
import io.k8up.core.plan.DecisionReason;
import io.k8up.core.plan.Subject;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.Workflow;
import io.k8up.core.spi.Support;
import io.k8up.core.spi.UnitScope;
import io.k8up.core.spi.VolumeAccessStrategy;
import io.k8up.core.testing.KubernetesNames;
import io.k8up.core.testing.TestStrategy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Run ids, tool command lines, units and their names: the pure parts of a run. */
class RunValuesTest {

  private static ClaimTarget target(String claim, Placement placement) {
    return ClaimTarget.of(NAMESPACE, claim, "pv-" + claim, ImmutableSet.of(AccessMode.READ_WRITE_ONCE),
        placement, ImmutableList.of());
  }

  private static Decision backup(String claim, Placement placement, String strategy) {
    return Decision.backup(Subject.claim(NAMESPACE, claim), target(claim, placement),
        DecisionReason.MOUNTING_POD, "m").withStrategy(strategy);
  }

  @Test
  void runIdsAreShortDnsLabels() {
    assertThat(RunId.of("nightly-1").value()).isEqualTo("nightly-1");
    assertThatThrownBy(() -> RunId.of("Nightly")).hasMessageContaining("lower-case");
    assertThatThrownBy(() -> RunId.of("-x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RunId.of("a".repeat(21))).isInstanceOf(IllegalArgumentException.class);
    RunId fresh = RunId.fresh();
    assertThat(RunId.of(fresh.value())).isEqualTo(fresh);
    assertThat(RunId.fresh()).isNotEqualTo(fresh);
  }

  @Test
  void theToolsPlaceholdersAreReplacedAndMountPathsExpandToOneArgumentEach() {
    BackupToolSpec tool = BackupToolSpec.restic("repo").build();

    assertThat(tool.renderArgs("shop", RunId.of("r1"), List.of("a", "b"))).containsExactly(
        "backup", "--host", "shop", "--tag", "k8up-rwo", "--tag", "run=r1", "/data/a", "/data/b");
    assertThat(tool.renderCommand("shop", RunId.of("r1"), List.of("a"))).containsExactly("restic");
    assertThat(BackupToolSpec.builder().image("i").addArgs("{claims}@{namespace}").build()
        .renderArgs("shop", RunId.of("r1"), List.of("a", "b"))).containsExactly("a,b@shop");
    assertThat(tool.envFromSecrets()).containsExactly("repo");
    assertThat(tool.runAsUser()).isEqualTo(BackupToolSpec.DEFAULT_USER);
  }

  @Test
  void aToolMayNotRunAsUserZeroWithoutSayingRootNorScribbleUnderTheDataRoot() {
    assertThatThrownBy(() -> BackupToolSpec.builder().image("i").runAsUser(0).build()).hasMessageContaining("runAsRoot");
    assertThatThrownBy(() -> BackupToolSpec.builder().image("i").scratchDirectory("/data/x").build())
        .hasMessageContaining("/data");
    assertThatThrownBy(() -> BackupToolSpec.builder().image(" ").build()).hasMessageContaining("image");
  }

  @Test
  void perClaimGroupingMakesAUnitPerClaimAndPerNodeGroupsClaimsThatShareANode() {
    Placement node1 = Placement.onPodNode("node-1", false);
    List<Decision> decisions = List.of(
        backup("a", node1, "jobs"), backup("b", node1, "jobs"), backup("c", Placement.onPodNode("node-2", false), "jobs"),
        backup("d", node1, "other"), backup("shared-1", Placement.anywhere(), "jobs"),
        backup("shared-2", Placement.anywhere(), "jobs"), backup("held", Placement.onPodNode("node-1", true), "jobs"));

    List<VolumeAccessStrategy> strategies = List.of(TestStrategy.nodeBound("jobs", target -> true, ""),
        TestStrategy.nodeBound("other", target -> true, ""));
    assertThat(BackupUnits.of(decisions, Grouping.PER_CLAIM, strategies)).hasSize(7);
    List<List<String>> perNode = BackupUnits.of(decisions, Grouping.PER_NODE, strategies).stream().map(BackupUnit::claimNames)
        .map(List::copyOf).toList();
    assertThat(perNode).containsExactly(
        List.of("a", "b"), List.of("c"), List.of("d"), List.of("shared-1"), List.of("shared-2"), List.of("held"));
  }

  @Test
  void claimBackupsWithoutAStrategyAreNoUnit() {
    Decision noStrategy = Decision.backup(Subject.claim(NAMESPACE, "a"), target("a", Placement.anywhere()),
        DecisionReason.SHARED_ACCESS, "m");

    assertThat(BackupUnits.of(List.of(noStrategy), Grouping.PER_CLAIM, List.of())).isEmpty();
  }

  @Test
  void aStrategyThatWorksInsidePodsGetsOneUnitPerPodWhateverTheGrouping() {
    VolumeAccessStrategy insidePods = new TestStrategyInPods();
    Placement node1 = Placement.onPodNode("node-1", false);
    List<Decision> decisions = List.of(
        backupMountedBy("a", node1, "db-0"), backupMountedBy("b", node1, "db-0"), backupMountedBy("c", node1, "db-1"));

    assertThat(BackupUnits.of(decisions, Grouping.PER_CLAIM, List.of(insidePods)).stream()
        .map(unit -> List.copyOf(unit.claimNames())).toList())
        .containsExactly(List.of("a", "b"), List.of("c"));
  }

  private static Decision backupMountedBy(String claim, Placement placement, String pod) {
    ClaimTarget target = ClaimTarget.of(NAMESPACE, claim, "pv-" + claim, ImmutableSet.of(AccessMode.READ_WRITE_ONCE),
        placement, ImmutableList.of(pod));
    return Decision.backup(Subject.claim(NAMESPACE, claim), target, DecisionReason.MOUNTING_POD, "m")
        .withStrategy("inside");
  }

  /** A strategy scoped to pods, delegating the rest to a test strategy. */
  private static final class TestStrategyInPods implements VolumeAccessStrategy {
    private final TestStrategy delegate = TestStrategy.nodeBound("inside", target -> true, "");

    @Override
    public String id() {
      return delegate.id();
    }

    @Override
    public Support supports(ClaimTarget target, ClusterSnapshot snapshot) {
      return delegate.supports(target, snapshot);
    }

    @Override
    public UnitScope unitScope(Grouping grouping) {
      return UnitScope.POD;
    }

    @Override
    public Workflow workflow(BackupUnit unit, RunContext context) {
      return delegate.workflow(unit, context);
    }
  }

  @Test
  void unitIdsAreStableNamesChangeWithTheAttemptAndLabelsAreValid() {
    BackupUnit unit = BackupUnit.of("jobs", List.of(target("data", Placement.anywhere())));
    BackupUnit same = BackupUnit.of("jobs", List.of(target("data", Placement.anywhere())));
    BackupUnit other = BackupUnit.of("jobs", List.of(target("data2", Placement.anywhere())));
    RunId runId = RunId.of("a".repeat(RunId.MAX_LENGTH));

    assertThat(unit.id()).isEqualTo(same.id()).isNotEqualTo(other.id()).hasSize(10);
    assertThat(RunObjects.name(runId, unit)).isNotEqualTo(RunObjects.name(runId, unit.withAttempt(2)));
    assertThat(RunObjects.name(runId, unit.withAttempt(99))).hasSizeLessThanOrEqualTo(44)
        .matches(KubernetesNames::isDns1123Label);
    assertThat(RunObjects.labels(runId, unit.withAttempt(2), BackupToolSpec.restic("r").putLabels("team", "x").build()))
        .containsEntry("k8up.io/attempt", "2").containsEntry("team", "x")
        .allSatisfy((key, value) -> assertThat(KubernetesNames.isLabelValue(value)).isTrue());
    assertThat(RunObjects.selector(runId)).isEqualTo("app.kubernetes.io/managed-by=k8up-rwo,k8up.io/run-id=" + runId);
  }

  @Test
  void executorOptionsRejectLimitsThatCouldNeverRunAnything() {
    assertThat(ExecutorOptions.defaults().maxConcurrent()).isEqualTo(4);
    assertThat(ExecutorOptions.defaults().maxPerNode()).isEqualTo(1);
    assertThat(ExecutorOptions.defaults().maxPerNamespace()).isEmpty();
    assertThatThrownBy(() -> ExecutorOptions.builder().maxConcurrent(0).build()).hasMessageContaining("maxConcurrent");
    assertThatThrownBy(() -> ExecutorOptions.builder().maxPerNamespace(0).build()).hasMessageContaining("maxPerNamespace");
    assertThatThrownBy(() -> ExecutorOptions.builder().pollInterval(Duration.ZERO).build()).hasMessageContaining("positive");
  }
}
