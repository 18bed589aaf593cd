package io.k8up.core.internal.adapter;

import static io.k8up.core.internal.adapter.ModelAdapter.nonBlank;
import static io.k8up.core.internal.adapter.ModelAdapter.orEmpty;

import com.google.common.base.Strings;
import com.google.common.collect.ImmutableList;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.model.Node;
import io.k8up.core.model.Taint;
import io.kubernetes.client.openapi.models.V1NodeSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Taint;
import java.util.Map;

/** Converts the parts of a client-java node that strategies read: its names and taints. */
final class NodeAdapter {

  private NodeAdapter() {}

  static Node node(V1ObjectMeta metadata, V1NodeSpec spec) {
    Map<String, String> labels = metadata.getLabels();
    return Node.builder()
        .name(metadata.getName())
        .hostname(nonBlank(labels == null ? null : labels.get(K8upAnnotations.HOSTNAME_LABEL)))
        .taints(taints(spec))
        .build();
  }

  private static ImmutableList<Taint> taints(V1NodeSpec spec) {
    ImmutableList.Builder<Taint> taints = ImmutableList.builder();
    for (V1Taint taint : orEmpty(spec == null ? null : spec.getTaints())) {
      // The API server requires key and effect; a taint without them, possible only in a
      // hand-written file, repels no pod.
      if (taint != null && !Strings.isNullOrEmpty(taint.getKey())
          && !Strings.isNullOrEmpty(taint.getEffect())) {
        taints.add(Taint.builder()
            .key(taint.getKey())
            .value(nonBlank(taint.getValue()))
            .effect(taint.getEffect())
            .build());
      }
    }
    return taints.build();
  }
}
