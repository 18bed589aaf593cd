package io.k8up.core.plan;

import static io.k8up.core.model.AccessMode.READ_WRITE_ONCE;
import static io.k8up.core.testing.Fixtures.annotation;
import static io.k8up.core.testing.Fixtures.boundClaim;
import static io.k8up.core.testing.Fixtures.volumeFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.snapshot.ClusterSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Explaining which rule decided a claim, and why the earlier ones did not apply. */
class ExplainTest {

  private final BackupPlanner planner = BackupPlanner.builder().build();

  @Test
  void hostnamePlacedClaimListsEveryRuleAskedInOrder() {
    ClusterSnapshot snapshot = ClusterSnapshot.of(
        List.of(boundClaim("data", READ_WRITE_ONCE).annotations(annotation(K8upAnnotations.HOSTNAME, "worker-4")).build()),
        List.of(volumeFor("data").build()),
        List.of());

    Explanation explanation = planner.explain(snapshot, "shop", "data").orElseThrow();

    assertThat(explanation.steps()).extracting(ExplanationStep::rule).containsExactly(
        "backup annotation", "binding", "access modes", "mounting pod", "PV nodeAffinity", "hostname annotation");
    assertThat(explanation.steps()).extracting(ExplanationStep::decided)
        .containsExactly(false, false, false, false, false, true);
    assertThat(explanation.steps().get(3).sentence()).contains("no running or pending pod");
    assertThat(explanation.steps().get(4).sentence()).contains("PersistentVolume has no required nodeAffinity");
    assertThat(explanation.decision().reason()).isEqualTo(DecisionReason.HOSTNAME_ANNOTATION);
  }

  @Test
  void optedOutClaimIsDecidedByTheFirstRule() {
    ClusterSnapshot snapshot = ClusterSnapshot.of(
        List.of(boundClaim("data", READ_WRITE_ONCE).annotations(annotation(K8upAnnotations.BACKUP, "false")).build()),
        List.of(),
        List.of());

    Explanation explanation = planner.explain(snapshot, "shop", "data").orElseThrow();

    assertThat(explanation.steps()).hasSize(1);
    assertThat(explanation.steps().get(0).rule()).isEqualTo("backup annotation");
    assertThat(explanation.steps().get(0).decided()).isTrue();
  }

  @Test
  void unknownClaimHasNoExplanation() {
    assertThat(planner.explain(ClusterSnapshot.empty(), "shop", "nope")).isEmpty();
  }
}
