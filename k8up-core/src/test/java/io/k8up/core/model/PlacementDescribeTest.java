package io.k8up.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8up.core.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Placement#describe()}: where, in words. */
class PlacementDescribeTest {

  @Test
  void eachPlacementSaysWhere() {
    assertThat(Placement.anywhere().describe()).isEqualTo("any node");
    assertThat(Placement.onPodNode("worker-2", false).describe()).isEqualTo("node worker-2");
    assertThat(Placement.onPodNode("worker-1", true).describe()).isEqualTo("node worker-1 (same pod only)");
    assertThat(Placement.onHostname("worker-1").describe()).isEqualTo("hostname worker-1");
    assertThat(Placement.byNodeAffinity(List.of(Fixtures.hostnameTerm("worker-3"))).describe())
        .isEqualTo("PV affinity kubernetes.io/hostname In [worker-3]");
  }

  @Test
  void affinityTermsAreJoinedByOrAndRequirementsByCommas() {
    NodeSelectorTerm zoneAndDisk = NodeSelectorTerm.builder()
        .addMatchExpressions(NodeSelectorRequirement.of("zone", "In", List.of("a", "b")))
        .addMatchFields(NodeSelectorRequirement.of("metadata.name", "Exists", List.of()))
        .build();

    assertThat(Placement.byNodeAffinity(List.of(zoneAndDisk, Fixtures.hostnameTerm("w"))).describe())
        .isEqualTo("PV affinity zone In [a, b],metadata.name Exists or kubernetes.io/hostname In [w]");
  }
}
