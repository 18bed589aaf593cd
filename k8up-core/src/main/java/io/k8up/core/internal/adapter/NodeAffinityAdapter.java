package io.k8up.core.internal.adapter;

import static io.k8up.core.internal.adapter.ModelAdapter.orEmpty;

import com.google.common.base.Strings;
import com.google.common.collect.ImmutableList;
import io.k8up.core.model.NodeSelectorRequirement;
import io.k8up.core.model.NodeSelectorTerm;
import io.kubernetes.client.openapi.models.V1NodeSelector;
import io.kubernetes.client.openapi.models.V1NodeSelectorRequirement;
import io.kubernetes.client.openapi.models.V1NodeSelectorTerm;
import io.kubernetes.client.openapi.models.V1PersistentVolumeSpec;
import io.kubernetes.client.openapi.models.V1VolumeNodeAffinity;
import java.util.List;

/** Copies a PersistentVolume's required node affinity term by term, without interpreting it. */
final class NodeAffinityAdapter {

  private NodeAffinityAdapter() {}

  static ImmutableList<NodeSelectorTerm> requiredTerms(V1PersistentVolumeSpec spec) {
    V1VolumeNodeAffinity affinity = spec == null ? null : spec.getNodeAffinity();
    V1NodeSelector required = affinity == null ? null : affinity.getRequired();
    if (required == null) {
      return ImmutableList.of();
    }
    ImmutableList.Builder<NodeSelectorTerm> terms = ImmutableList.builder();
    for (V1NodeSelectorTerm term : orEmpty(required.getNodeSelectorTerms())) {
      // A null entry in the list is not a term Kubernetes would accept; it selects nothing.
      if (term != null) {
        terms.add(
            NodeSelectorTerm.builder()
                .matchExpressions(requirements(term.getMatchExpressions()))
                .matchFields(requirements(term.getMatchFields()))
                .build());
      }
    }
    return terms.build();
  }

  private static ImmutableList<NodeSelectorRequirement> requirements(
      List<V1NodeSelectorRequirement> requirements) {
    ImmutableList.Builder<NodeSelectorRequirement> copy = ImmutableList.builder();
    for (V1NodeSelectorRequirement requirement : orEmpty(requirements)) {
      if (requirement != null) {
        copy.add(
            NodeSelectorRequirement.of(
                Strings.nullToEmpty(requirement.getKey()),
                Strings.nullToEmpty(requirement.getOperator()),
                orEmpty(requirement.getValues()).stream()
                    .map(Strings::nullToEmpty)
                    .collect(ImmutableList.toImmutableList())));
      }
    }
    return copy.build();
  }
}
