package io.k8up.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.k8up.core.model.AccessMode;
import io.k8up.core.model.Claim;
import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.CommandTarget;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.model.Placement;
import io.k8up.core.model.Pod;
import io.k8up.core.testing.ClusterGenerators;
import io.k8up.core.testing.GeneratedCluster;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The acceptance criteria and the planner's invariants, stated as properties over generated
 * clusters. Each criterion property checks every claim of every generated cluster that is in the
 * criterion's situation, as worked out by {@link ClusterOracle}.
 */
class PlannerPropertiesTest {

  private static final int EXAMPLES = 500;
  /** Each situation must come up at least this often across the examples. */
  private static final int MIN_SITUATIONS = 10;

  private final BackupPlanner planner = BackupPlanner.builder().build();
  private final Gen<GeneratedCluster> clusters = ClusterGenerators.clusters();

  @Test
  void criterion1_claimAnnotatedBackupFalseInAnyCaseIsSkipped() {
    forEveryClaim(
        oracle -> oracle.optedOut(),
        (oracle, decision) -> {
          assertDecision(decision, Action.SKIP, DecisionReason.OPTED_OUT);
        });
  }

  @Test
  void criterion2_claimThatIsNotBoundIsSkipped() {
    forEveryClaim(
        oracle -> oracle.annotationLetsThrough() && !oracle.bound(),
        (oracle, decision) -> {
          assertDecision(decision, Action.SKIP, DecisionReason.NOT_BOUND);
        });
  }

  @Test
  void criterion3_claimHeldByPodsOnOneNodeIsBackedUpOnThatNode() {
    forEveryClaim(
        oracle -> oracle.needsNode() && oracle.holderNodes().size() == 1 && !oracle.holderHasBackupCommand(),
        (oracle, decision) -> {
          assertDecision(decision, Action.BACKUP, DecisionReason.MOUNTING_POD);
          ClaimTarget target = decision.claimTarget().orElseThrow();
          boolean rwop = oracle.modes().contains(AccessMode.READ_WRITE_ONCE_POD);
          assertThat(target.placement()).isEqualTo(Placement.onPodNode(oracle.holderNodes().iterator().next(), rwop));
          assertThat(target.mountingPods())
              .containsExactlyElementsOf(oracle.holders().stream().map(Pod::name).sorted().collect(Collectors.toList()));
        });
  }

  @Test
  void criterion4_claimHeldByPodWithBackupCommandIsBackedUpThroughTheCommand() {
    forEveryClaim(
        oracle -> oracle.needsNode() && oracle.holderHasBackupCommand(),
        (oracle, decision) -> {
          assertDecision(decision, Action.SKIP, DecisionReason.BACKUP_COMMAND);
        });
    qt().withExamples(EXAMPLES).forAll(clusters).checkAssert(cluster -> {
      BackupPlan plan = planner.plan(cluster.snapshot());
      for (Pod pod : cluster.pods()) {
        String command = pod.annotations().get(K8upAnnotations.BACKUP_COMMAND);
        boolean active = pod.isActive() && command != null;
        assertThat(plan.decision(Subject.pod(pod.namespace(), pod.name())).isPresent()).isEqualTo(active);
        if (active && !command.isBlank() && validContainer(pod)) {
          Decision decision = plan.decision(Subject.pod(pod.namespace(), pod.name())).orElseThrow();
          assertThat(decision.reason()).isIn(DecisionReason.BACKUP_COMMAND, DecisionReason.SAME_OWNER);
          decision.target().map(CommandTarget.class::cast).ifPresent(target -> {
            assertThat(target.command()).isEqualTo(command);
            assertThat(target.node()).isEqualTo(pod.nodeName());
          });
        }
      }
    });
  }

  @Test
  void criterion5_unmountedClaimWithoutHintFails() {
    forEveryClaim(
        oracle -> oracle.unmounted() && !oracle.volumeHasAffinity()
          && oracle.hostnameAnnotation().isEmpty(),
        (oracle, decision) -> {
          assertDecision(decision, Action.FAIL, DecisionReason.NO_NODE);
        });
  }

  @Test
  void criterion6_unmountedClaimIsPlacedByItsVolumesNodeAffinityVerbatim() {
    forEveryClaim(
        oracle -> oracle.unmounted() && oracle.volumeHasAffinity(),
        (oracle, decision) -> {
          assertDecision(decision, Action.BACKUP, DecisionReason.PV_NODE_AFFINITY);
          assertThat(decision.claimTarget().orElseThrow().placement().nodeSelectorTerms())
              .isEqualTo(oracle.volume().orElseThrow().requiredNodeAffinity());
        });
  }

  @Test
  void criterion7_unmountedClaimIsPlacedByAValidHostnameAnnotation() {
    forEveryClaim(
        oracle -> oracle.unmounted() && !oracle.volumeHasAffinity()
          && oracle.hostnameAnnotation().isPresent(),
        (oracle, decision) -> {
          String hostname = oracle.hostnameAnnotation().get();
          if (hostname.matches("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?")) {
            assertDecision(decision, Action.BACKUP, DecisionReason.HOSTNAME_ANNOTATION);
            assertThat(decision.claimTarget().orElseThrow().placement()).isEqualTo(Placement.onHostname(hostname));
          } else {
            assertDecision(decision, Action.FAIL, DecisionReason.INVALID_ANNOTATION);
          }
        });
  }

  @Test
  void criterion8_pvNodeAffinityWinsOverHostnameAnnotation() {
    forEveryClaim(
        oracle -> oracle.unmounted() && oracle.volumeHasAffinity()
          && oracle.hostnameAnnotation().isPresent(),
        (oracle, decision) -> {
          assertDecision(decision, Action.BACKUP, DecisionReason.PV_NODE_AFFINITY);
        });
  }

  @Test
  void sharedAccessClaimIsBackedUpAnywhere() {
    forEveryClaim(
        oracle -> oracle.annotationLetsThrough() && oracle.bound() && oracle.volume().isPresent() && oracle.shared(),
        (oracle, decision) -> {
          assertDecision(decision, Action.BACKUP, DecisionReason.SHARED_ACCESS);
          assertThat(decision.claimTarget().orElseThrow().placement()).isEqualTo(Placement.anywhere());
        });
  }

  @Test
  void claimHeldByPodsOnSeveralNodesFailsAsAmbiguous() {
    // A rarer situation: more examples, so that it comes up often enough.
    forEveryClaim(
        4 * EXAMPLES,
        oracle -> oracle.needsNode() && oracle.holderNodes().size() > 1 && !oracle.holderHasBackupCommand(),
        (oracle, decision) -> {
          assertDecision(decision, Action.FAIL, DecisionReason.AMBIGUOUS_NODE);
          oracle.holderNodes().forEach(node -> assertThat(decision.message()).contains(node));
        });
  }

  @Test
  void unknownBackupAnnotationValueFailsNamingTheValue() {
    forEveryClaim(
        oracle -> !oracle.annotationLetsThrough() && !oracle.optedOut(),
        (oracle, decision) -> {
          assertDecision(decision, Action.FAIL, DecisionReason.INVALID_ANNOTATION);
          assertThat(decision.message()).contains("\"" + oracle.backupAnnotation() + "\"");
        });
  }

  @Test
  void optInModeSkipsEveryClaimWithoutTheAnnotation() {
    BackupPlanner optIn = BackupPlanner.builder().requireOptIn(true).build();
    qt().withExamples(EXAMPLES).forAll(clusters).checkAssert(cluster -> {
      BackupPlan plan = optIn.plan(cluster.snapshot());
      BackupPlan optOut = planner.plan(cluster.snapshot());
      for (Claim claim : cluster.claims()) {
        Subject subject = Subject.claim(claim.namespace(), claim.name());
        Decision decision = plan.decision(subject).orElseThrow();
        if (claim.annotations().containsKey(K8upAnnotations.BACKUP)) {
          assertThat(decision).isEqualTo(optOut.decision(subject).orElseThrow());
        } else {
          assertDecision(decision, Action.SKIP, DecisionReason.NOT_OPTED_IN);
        }
      }
    });
  }

  @Test
  void everyClaimGetsExactlyOneDecision() {
    qt().withExamples(EXAMPLES).forAll(clusters).checkAssert(cluster -> {
      List<Subject> claimSubjects = planner.plan(cluster.snapshot()).decisions().stream()
          .map(Decision::subject)
          .filter(subject -> subject.kind() == Subject.Kind.PERSISTENT_VOLUME_CLAIM)
          .collect(Collectors.toList());
      assertThat(claimSubjects).containsExactlyInAnyOrderElementsOf(
          cluster.claims().stream().map(claim -> Subject.claim(claim.namespace(), claim.name())).collect(Collectors.toList()));
    });
  }

  @Test
  void inputOrderDoesNotChangeThePlan() {
    qt().withExamples(EXAMPLES).forAll(clusters).checkAssert(cluster ->
        assertThat(planner.plan(cluster.shuffledSnapshot())).isEqualTo(planner.plan(cluster.snapshot())));
  }

  @Test
  void decisionsAreSortedByNamespaceKindAndName() {
    qt().withExamples(EXAMPLES).forAll(clusters).checkAssert(cluster -> {
      List<Subject> subjects = planner.plan(cluster.snapshot()).decisions().stream()
          .map(Decision::subject).collect(Collectors.toList());
      assertThat(subjects).isSorted();
    });
  }

  @Test
  void noFailureEverCarriesANodeOrAStrategy() {
    qt().withExamples(EXAMPLES).forAll(clusters).checkAssert(cluster ->
        planner.plan(cluster.snapshot()).decisions(Action.FAIL).forEach(decision -> {
          assertThat(decision.target()).isEmpty();
          assertThat(decision.strategy()).isEmpty();
        }));
  }

  @Test
  void everyDecisionHasAMessage() {
    qt().withExamples(EXAMPLES).forAll(clusters).checkAssert(cluster ->
        planner.plan(cluster.snapshot()).decisions()
            .forEach(decision -> assertThat(decision.message()).isNotBlank().endsWith(".")));
  }

  @Test
  void explanationEndsWithTheDecisionThePlanMakes() {
    qt().withExamples(EXAMPLES).forAll(clusters).checkAssert(cluster -> {
      BackupPlan plan = planner.plan(cluster.snapshot());
      for (Claim claim : cluster.claims()) {
        Explanation explanation = planner.explain(cluster.snapshot(), claim.namespace(), claim.name()).orElseThrow();
        assertThat(explanation.decision()).isEqualTo(plan.decision(Subject.claim(claim.namespace(), claim.name())).orElseThrow());
        assertThat(explanation.steps()).isNotEmpty();
        assertThat(explanation.steps().get(explanation.steps().size() - 1).decided()).isTrue();
      }
    });
  }

  /**
   * Checks {@code property} on the decision of every generated claim in {@code situation}, and
   * that the generator put claims in that situation at all, so the property cannot pass vacuously.
   */
  private void forEveryClaim(Predicate<ClusterOracle> situation, BiConsumer<ClusterOracle, Decision> property) {
    forEveryClaim(EXAMPLES, situation, property);
  }

  private void forEveryClaim(
      int examples, Predicate<ClusterOracle> situation, BiConsumer<ClusterOracle, Decision> property) {
    AtomicInteger seen = new AtomicInteger();
    qt().withExamples(examples).forAll(clusters).checkAssert(cluster -> {
      BackupPlan plan = planner.plan(cluster.snapshot());
      for (Claim claim : cluster.claims()) {
        ClusterOracle oracle = new ClusterOracle(cluster, claim);
        if (situation.test(oracle)) {
          seen.incrementAndGet();
          property.accept(oracle, plan.decision(Subject.claim(claim.namespace(), claim.name())).orElseThrow());
        }
      }
    });
    assertThat(seen.get()).as("claims generated in the situation").isGreaterThanOrEqualTo(MIN_SITUATIONS);
  }

  private static boolean validContainer(Pod pod) {
    String named = pod.annotations().get(K8upAnnotations.BACKUP_COMMAND_CONTAINER);
    Set<String> containers = Set.copyOf(pod.containerNames());
    return named != null ? containers.contains(named) : !containers.isEmpty();
  }

  private static void assertDecision(Decision decision, Action action, DecisionReason reason) {
    assertThat(decision.action()).as("action of %s: %s", decision.subject(), decision.message()).isEqualTo(action);
    assertThat(decision.reason()).as("reason of %s: %s", decision.subject(), decision.message()).isEqualTo(reason);
  }
}
