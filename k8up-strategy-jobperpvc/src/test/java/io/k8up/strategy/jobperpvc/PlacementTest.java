package io.k8up.strategy.jobperpvc;

import static io.k8up.strategy.jobperpvc.JobFixtures.context;
import static io.k8up.strategy.jobperpvc.JobFixtures.podSpec;
import static io.k8up.strategy.jobperpvc.JobFixtures.target;
import static io.k8up.strategy.jobperpvc.JobFixtures.unit;
import static org.assertj.core.api.Assertions.assertThat;

import io.k8up.core.model.NodeSelectorRequirement;
import io.k8up.core.model.NodeSelectorTerm;
import io.k8up.core.model.Placement;
import io.k8up.core.model.Pod;
import io.k8up.core.model.Toleration;
import io.k8up.core.testing.Fixtures;
import io.kubernetes.client.openapi.models.V1NodeSelectorRequirement;
import io.kubernetes.client.openapi.models.V1NodeSelectorTerm;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Toleration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each placement becomes the scheduling constraint that puts the backup pod where the volume is. */
class PlacementTest {

  private static final Toleration GPU = Toleration.builder()
      .key("gpu").operator("Exists").effect("NoSchedule").build();
  private static final Toleration MAINTENANCE = Toleration.builder()
      .key("maintenance").operator("Equal").value("soon").effect("NoExecute").tolerationSeconds(300L).build();
  private static final Toleration EVERYTHING = Toleration.builder().operator("Exists").build();

  @Test
  void podNodeIsRequiredByExactNodeNameWithTheMountingPodsTolerations() {
    Placement node = Placement.onPodNode("ip-10-0-0-7.ec2.internal", false);
    Pod app = Fixtures.runningPod("app-0", "ip-10-0-0-7.ec2.internal", "data").addTolerations(GPU, MAINTENANCE).build();
    Pod sidecar = Fixtures.runningPod("app-1", "ip-10-0-0-7.ec2.internal", "data", "logs")
        .addTolerations(MAINTENANCE, EVERYTHING).build();

    V1PodSpec spec = podSpec(unit(target("data", node, "app-0", "app-1"), target("logs", node, "app-1")),
        context(app, sidecar));

    List<V1NodeSelectorTerm> terms = requiredTerms(spec);
    assertThat(terms).singleElement().satisfies(term -> {
      assertThat(term.getMatchExpressions()).isNullOrEmpty();
      assertThat(term.getMatchFields()).containsExactly(new V1NodeSelectorRequirement()
          .key("metadata.name").operator("In").values(List.of("ip-10-0-0-7.ec2.internal")));
    });
    assertThat(spec.getNodeSelector()).isNullOrEmpty();
    assertThat(spec.getTolerations()).containsExactly(
        new V1Toleration().key("gpu").operator("Exists").effect("NoSchedule"),
        new V1Toleration().key("maintenance").operator("Equal").value("soon").effect("NoExecute")
            .tolerationSeconds(300L),
        new V1Toleration().operator("Exists"));
  }

  @Test
  void podsThatAreNotNamedAsMountingAreNotCopied() {
    Placement node = Placement.onPodNode("node-a", false);
    Pod named = Fixtures.runningPod("app-0", "node-a", "data").build();
    Pod other = Fixtures.runningPod("old-0", "node-b", "data").addTolerations(EVERYTHING).runAsUser(7L).build();

    V1PodSpec spec = podSpec(unit(target("data", node, "app-0")), context(named, other));

    assertThat(spec.getTolerations()).isNullOrEmpty();
    assertThat(spec.getSecurityContext().getRunAsUser()).isNotEqualTo(7L);
  }

  @Test
  void pvNodeAffinityIsCopiedVerbatimAsRequiredNodeAffinity() {
    NodeSelectorTerm zoned = NodeSelectorTerm.builder()
        .addMatchExpressions(NodeSelectorRequirement.of("topology.kubernetes.io/zone", "In", List.of("a", "b")))
        .addMatchExpressions(NodeSelectorRequirement.of("disk", "Exists", List.of()))
        .addMatchFields(NodeSelectorRequirement.of("metadata.name", "NotIn", List.of("node-c")))
        .build();
    Placement affinity = Placement.byNodeAffinity(List.of(zoned, Fixtures.hostnameTerm("node-d")));

    V1PodSpec spec = podSpec(unit(target("data", affinity)), context());

    assertThat(requiredTerms(spec)).containsExactly(
        new V1NodeSelectorTerm()
            .matchExpressions(List.of(
                new V1NodeSelectorRequirement().key("topology.kubernetes.io/zone").operator("In").values(List.of("a", "b")),
                new V1NodeSelectorRequirement().key("disk").operator("Exists").values(List.of())))
            .matchFields(List.of(
                new V1NodeSelectorRequirement().key("metadata.name").operator("NotIn").values(List.of("node-c")))),
        new V1NodeSelectorTerm()
            .matchExpressions(List.of(
                new V1NodeSelectorRequirement().key("kubernetes.io/hostname").operator("In").values(List.of("node-d"))))
            .matchFields(List.of()));
    assertThat(spec.getNodeSelector()).isNullOrEmpty();
    assertThat(spec.getTolerations()).isNullOrEmpty();
  }

  @Test
  void hostnameAnnotationBecomesAHostnameNodeSelector() {
    V1PodSpec spec = podSpec(unit(target("data", Placement.onHostname("worker-3"))), context());

    assertThat(spec.getNodeSelector()).containsExactly(Map.entry("kubernetes.io/hostname", "worker-3"));
    assertThat(spec.getAffinity()).isNull();
    assertThat(spec.getTolerations()).isNullOrEmpty();
  }

  @Test
  void anywhereConstrainsNothing() {
    V1PodSpec spec = podSpec(unit(target("shared", Placement.anywhere())), context());

    assertThat(spec.getAffinity()).isNull();
    assertThat(spec.getNodeSelector()).isNullOrEmpty();
    assertThat(spec.getTolerations()).isNullOrEmpty();
  }

  private static List<V1NodeSelectorTerm> requiredTerms(V1PodSpec spec) {
    return spec.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
        .getNodeSelectorTerms();
  }
}
