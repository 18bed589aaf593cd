package io.k8up.strategy.jobperpvc;

import static io.k8up.core.testing.Fixtures.taint;
import static io.k8up.strategy.jobperpvc.JobFixtures.STRATEGY;
import static io.k8up.strategy.jobperpvc.JobFixtures.context;
import static io.k8up.strategy.jobperpvc.JobFixtures.contextWithNodes;
import static io.k8up.strategy.jobperpvc.JobFixtures.podSpec;
import static io.k8up.strategy.jobperpvc.JobFixtures.target;
import static io.k8up.strategy.jobperpvc.JobFixtures.unit;
import static org.assertj.core.api.Assertions.assertThat;

import io.k8up.core.model.Node;
import io.k8up.core.model.NodeSelectorRequirement;
import io.k8up.core.model.NodeSelectorTerm;
import io.k8up.core.model.Placement;
import io.k8up.core.model.Pod;
import io.k8up.core.model.Toleration;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.RunContext;
import io.k8up.core.testing.Fixtures;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1Toleration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A backup pod that no application pod proves welcome on its node tolerates that node's taints,
 * when the snapshot holds the node (K8up #805).
 */
class TaintTolerationTest {

  /** Worker-3, reserved for storage, with a taint of every effect (and one twice). */
  private static final Node STORAGE_NODE = Fixtures.node("worker-3")
      .addTaints(
          taint("dedicated", "storage", "NoSchedule"),
          taint("example.com/spinning-disks", "PreferNoSchedule"),
          taint("maintenance", "NoExecute"),
          taint("dedicated", "storage", "NoSchedule"))
      .build();
  private static final Node GPU_NODE = Fixtures.node("worker-1").addTaints(taint("gpu", "NoSchedule")).build();

  /** What {@link #STORAGE_NODE} needs: PreferNoSchedule repels no pod, and each taint counts once. */
  private static final List<V1Toleration> STORAGE_TOLERATIONS = List.of(
      new V1Toleration().key("dedicated").operator("Equal").value("storage").effect("NoSchedule"),
      new V1Toleration().key("maintenance").operator("Exists").effect("NoExecute"));

  @Test
  void hostnamePlacementToleratesTheNoScheduleAndNoExecuteTaintsOfItsNode() {
    List<V1Toleration> tolerations = tolerations(Placement.onHostname("worker-3"), STORAGE_NODE, GPU_NODE);

    assertThat(tolerations).containsExactlyElementsOf(STORAGE_TOLERATIONS);
  }

  @Test
  void hostnameLabelWinsOverANodeOfThatName() {
    Node labelled = Node.builder().name("ip-10-0-0-7.ec2.internal").hostname("worker-3")
        .taints(STORAGE_NODE.taints()).build();
    Node named = Node.builder().name("worker-3").hostname("ip-10-0-0-9").addTaints(taint("gpu", "NoSchedule")).build();

    assertThat(tolerations(Placement.onHostname("worker-3"), labelled, named))
        .containsExactlyElementsOf(STORAGE_TOLERATIONS);
  }

  @Test
  void nodeWithoutHostnameLabelIsFoundByName() {
    Node unlabelled = Node.builder().name("worker-3").taints(STORAGE_NODE.taints()).build();

    assertThat(tolerations(Placement.onHostname("worker-3"), unlabelled))
        .containsExactlyElementsOf(STORAGE_TOLERATIONS);
  }

  @Test
  void pvAffinityOnOneHostnameToleratesThatNodesTaints() {
    Placement affinity = Placement.byNodeAffinity(List.of(Fixtures.hostnameTerm("worker-3")));

    assertThat(tolerations(affinity, STORAGE_NODE, GPU_NODE)).containsExactlyElementsOf(STORAGE_TOLERATIONS);
  }

  @Test
  void pvAffinityOnOneNodeNameToleratesThatNodesTaints() {
    Node renamed = Node.builder().name("ip-10-0-0-7.ec2.internal").hostname("worker-3")
        .taints(STORAGE_NODE.taints()).build();
    Placement affinity = Placement.byNodeAffinity(List.of(NodeSelectorTerm.builder()
        .addMatchFields(NodeSelectorRequirement.of("metadata.name", "In", List.of("ip-10-0-0-7.ec2.internal")))
        .build()));

    assertThat(tolerations(affinity, renamed, GPU_NODE)).containsExactlyElementsOf(STORAGE_TOLERATIONS);
  }

  static Stream<List<NodeSelectorTerm>> affinitiesThatDoNotPinOneNode() {
    NodeSelectorRequirement worker3 = NodeSelectorRequirement.of("kubernetes.io/hostname", "In", List.of("worker-3"));
    return Stream.of(
        List.of(Fixtures.hostnameTerm("worker-3"), Fixtures.hostnameTerm("worker-1")),
        List.of(NodeSelectorTerm.builder()
            .addMatchExpressions(worker3, NodeSelectorRequirement.of("disk", "Exists", List.of())).build()),
        List.of(NodeSelectorTerm.builder()
            .addMatchExpressions(worker3)
            .addMatchFields(NodeSelectorRequirement.of("metadata.name", "In", List.of("worker-3"))).build()),
        List.of(NodeSelectorTerm.builder().addMatchExpressions(
            NodeSelectorRequirement.of("kubernetes.io/hostname", "In", List.of("worker-3", "worker-1"))).build()),
        List.of(NodeSelectorTerm.builder().addMatchExpressions(
            NodeSelectorRequirement.of("kubernetes.io/hostname", "NotIn", List.of("worker-1"))).build()),
        List.of(NodeSelectorTerm.builder().addMatchExpressions(
            NodeSelectorRequirement.of("topology.kubernetes.io/zone", "In", List.of("worker-3"))).build()),
        List.of(NodeSelectorTerm.builder().addMatchFields(
            NodeSelectorRequirement.of("metadata.name", "NotIn", List.of("worker-1"))).build()));
  }

  @ParameterizedTest
  @MethodSource("affinitiesThatDoNotPinOneNode")
  void pvAffinityThatDoesNotPinOneNodeGetsNoTolerations(List<NodeSelectorTerm> terms) {
    assertThat(tolerations(Placement.byNodeAffinity(terms), STORAGE_NODE, GPU_NODE)).isNullOrEmpty();
  }

  @Test
  void podNodeKeepsOnlyTheMountingPodsTolerations() {
    Toleration gpu = Toleration.builder().key("gpu").operator("Exists").build();
    Pod app = Fixtures.runningPod("app-0", "worker-3", "data").addTolerations(gpu).build();
    Pod untolerating = Fixtures.runningPod("app-1", "worker-3", "logs").build();

    RunContext context = contextWithNodes(List.of(STORAGE_NODE), app, untolerating);

    assertThat(podSpec(unit(target("data", Placement.onPodNode("worker-3", false), "app-0")), context)
        .getTolerations()).containsExactly(new V1Toleration().key("gpu").operator("Exists"));
    assertThat(podSpec(unit(target("logs", Placement.onPodNode("worker-3", false), "app-1")), context)
        .getTolerations()).isEmpty();
  }

  @Test
  void withoutNodesOrWithoutThatNodeNothingIsTolerated() {
    BackupUnit hostname = unit(target("data", Placement.onHostname("worker-3")));

    assertThat(podSpec(hostname, context()).getTolerations()).isNullOrEmpty();
    assertThat(podSpec(hostname, contextWithNodes(List.of(GPU_NODE))).getTolerations()).isNullOrEmpty();
    assertThat(podSpec(unit(target("data", Placement.onHostname("worker-1"))),
        contextWithNodes(List.of(Fixtures.node("worker-1").addTaints(taint("spot", "PreferNoSchedule")).build())))
        .getTolerations()).isNullOrEmpty();
  }

  @Test
  void anywhereToleratesNothingEvenOnTaintedClusters() {
    assertThat(tolerations(Placement.anywhere(), STORAGE_NODE, GPU_NODE)).isNullOrEmpty();
  }

  @Test
  void materializingIsDeterministicWhateverTheOrderOfNodes() {
    Placement affinity = Placement.byNodeAffinity(List.of(Fixtures.hostnameTerm("worker-3")));
    BackupUnit perNode = unit(target("logs", affinity), target("reports", affinity));

    String first = JSON.serialize(STRATEGY.workflow(perNode, contextWithNodes(List.of(STORAGE_NODE, GPU_NODE))).manifests());
    String again = JSON.serialize(STRATEGY.workflow(perNode, contextWithNodes(List.of(STORAGE_NODE, GPU_NODE))).manifests());
    String reordered = JSON.serialize(STRATEGY.workflow(perNode, contextWithNodes(List.of(GPU_NODE, STORAGE_NODE))).manifests());

    assertThat(first).isEqualTo(again).isEqualTo(reordered).contains("\"tolerations\"", "\"dedicated\"");
  }

  private static List<V1Toleration> tolerations(Placement placement, Node... nodes) {
    return podSpec(unit(target("data", placement)), contextWithNodes(List.of(nodes))).getTolerations();
  }
}
