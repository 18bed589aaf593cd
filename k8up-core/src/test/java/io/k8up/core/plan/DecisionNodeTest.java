package io.k8up.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8up.core.model.AccessMode;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.testing.Fixtures;
import io.k8up.core.testing.TestStrategy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Decision#node()}: the node a backup runs on, where the plan knows it. */
class DecisionNodeTest {

  @Test
  void theMountingPodsNodeIsKnownAndAHostnameLabelIsNot() {
    ClusterSnapshot snapshot = ClusterSnapshot.of(
        List.of(Fixtures.boundClaim("mounted", AccessMode.READ_WRITE_ONCE).build(),
            Fixtures.boundClaim("labelled", AccessMode.READ_WRITE_ONCE)
                .annotations(Fixtures.annotation(K8upAnnotations.HOSTNAME, "worker-1")).build(),
            Fixtures.boundClaim("lost", AccessMode.READ_WRITE_ONCE).build()),
        List.of(Fixtures.volumeFor("mounted").build(), Fixtures.volumeFor("labelled").build(),
            Fixtures.volumeFor("lost").build()),
        List.of(Fixtures.runningPod("app-0", "node-7", "mounted").build()));
    BackupPlan plan = BackupPlanner.builder()
        .strategies(List.of(TestStrategy.nodeBound("jobs", target -> true, "")))
        .build()
        .plan(snapshot);

    assertThat(node(plan, "mounted")).contains("node-7");
    assertThat(node(plan, "labelled")).as("a label value is not a node name").isEmpty();
    assertThat(node(plan, "lost")).as("FAIL").isEmpty();
  }

  private static java.util.Optional<String> node(BackupPlan plan, String claim) {
    return plan.decision(Subject.claim(Fixtures.NAMESPACE, claim)).orElseThrow().node();
  }
}
