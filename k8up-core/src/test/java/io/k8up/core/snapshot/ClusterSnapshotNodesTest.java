package io.k8up.core.snapshot;

import static io.k8up.core.testing.Fixtures.node;
import static io.k8up.core.testing.Fixtures.taint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k8up.core.model.Node;
import io.k8up.core.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Nodes are optional in a snapshot: absent by default, sorted and looked up when given. */
class ClusterSnapshotNodesTest {

  private static final ClusterSnapshot CLAIM_AND_POD = ClusterSnapshot.of(
      List.of(Fixtures.boundClaim("data").build()),
      List.of(Fixtures.volumeFor("data").build()),
      List.of(Fixtures.runningPod("app-0", "node-a", "data").build()));

  @Test
  void everyFactoryMakesASnapshotWithoutNodes() {
    assertThat(ClusterSnapshot.empty().nodes()).isEmpty();
    assertThat(CLAIM_AND_POD.nodes()).isEmpty();
    assertThat(ClusterSnapshot.of(List.of(), List.of(), List.of(), List.of("a note")).nodes()).isEmpty();
    assertThat(CLAIM_AND_POD.node("node-a")).isEmpty();
    assertThat(CLAIM_AND_POD.nodeWithHostname("node-a")).isEmpty();
  }

  @Test
  void withoutNodesAddingNoneIsTheSameSnapshot() {
    assertThat(CLAIM_AND_POD.withNodes(List.of())).isSameAs(CLAIM_AND_POD);
  }

  @Test
  void nodesAreSortedByNameAndTheRestIsKept() {
    Node b = node("node-b").build();
    Node a = node("node-a").addTaints(taint("dedicated", "db", "NoSchedule")).build();

    ClusterSnapshot snapshot = CLAIM_AND_POD.withNodes(List.of(b, a));

    assertThat(snapshot.nodes()).containsExactly(a, b);
    assertThat(snapshot.claims()).isEqualTo(CLAIM_AND_POD.claims());
    assertThat(snapshot.volumes()).isEqualTo(CLAIM_AND_POD.volumes());
    assertThat(snapshot.pods()).isEqualTo(CLAIM_AND_POD.pods());
    assertThat(snapshot.podsMounting(Fixtures.NAMESPACE, "data")).isEqualTo(CLAIM_AND_POD.pods());
    assertThat(snapshot.withNodes(List.of()).nodes()).isEmpty();
  }

  @Test
  void nodesAreFoundByNameAndByHostnameLabel() {
    Node renamed = Node.builder().name("ip-10-0-0-7.ec2.internal").hostname("ip-10-0-0-7").build();
    Node unlabelled = Node.builder().name("worker-1").build();

    ClusterSnapshot snapshot = ClusterSnapshot.empty().withNodes(List.of(renamed, unlabelled));

    assertThat(snapshot.node("ip-10-0-0-7.ec2.internal")).contains(renamed);
    assertThat(snapshot.node("ip-10-0-0-7")).isEmpty();
    assertThat(snapshot.nodeWithHostname("ip-10-0-0-7")).contains(renamed);
    assertThat(snapshot.nodeWithHostname("ip-10-0-0-7.ec2.internal")).isEmpty();
    assertThat(snapshot.node("worker-1")).contains(unlabelled);
    assertThat(snapshot.nodeWithHostname("worker-1")).isEmpty();
  }

  @Test
  void ofNodesSharingAHostnameLabelTheFirstByNameIsFound() {
    Node second = Node.builder().name("node-b").hostname("shared").build();
    Node first = Node.builder().name("node-a").hostname("shared").build();

    assertThat(ClusterSnapshot.empty().withNodes(List.of(second, first)).nodeWithHostname("shared"))
        .contains(first);
  }

  @Test
  void twoNodesOfOneNameAreRejected() {
    assertThatThrownBy(() -> ClusterSnapshot.empty().withNodes(List.of(node("n").build(), node("n").build())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("two Nodes are named n");
  }

  @Test
  void restrictingToNamespacesKeepsTheClusterScopedNodes() {
    ClusterSnapshot snapshot = CLAIM_AND_POD.withNodes(List.of(node("node-a").build()));

    ClusterSnapshot elsewhere = snapshot.inNamespaces(List.of("other"));

    assertThat(elsewhere.claims()).isEmpty();
    assertThat(elsewhere.nodes()).isEqualTo(snapshot.nodes());
    assertThat(elsewhere.node("node-a")).isPresent();
    assertThat(elsewhere.nodeWithHostname("node-a")).isPresent();
  }
}
