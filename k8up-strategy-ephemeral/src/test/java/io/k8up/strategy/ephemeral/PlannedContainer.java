package io.k8up.strategy.ephemeral;

import com.google.common.collect.ImmutableList;
import io.k8up.core.spi.ResourceType;
import io.k8up.core.spi.Step;
import io.k8up.core.spi.SubresourcePatch;
import io.k8up.core.spi.Workflow;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.models.V1EphemeralContainer;
import io.kubernetes.client.openapi.models.V1Pod;

/** The one ephemeral container an ephemeral-container workflow adds, and to which pod, for tests to read. */
record PlannedContainer(String namespace, String pod, V1EphemeralContainer container, Workflow workflow) {

  static PlannedContainer of(Workflow workflow) {
    Step step = workflow.steps().get(0);
    SubresourcePatch patch = step.patches().get(0);
    if (workflow.steps().size() != 1 || step.patches().size() != 1 || !step.objects().isEmpty()
        || !patch.type().equals(ResourceType.POD) || !patch.subresource().equals("ephemeralcontainers")) {
      throw new AssertionError("not one patch of a pod's ephemeral containers: " + workflow);
    }
    V1Pod body = (V1Pod) patch.body();
    return new PlannedContainer(body.getMetadata().getNamespace(), body.getMetadata().getName(),
        body.getSpec().getEphemeralContainers().get(0), workflow);
  }

  String containerName() {
    return container.getName();
  }

  /** The body of the patch, as {@code kubectl patch pod --subresource ephemeralcontainers} takes it. */
  ImmutableList<KubernetesObject> manifests() {
    return workflow.manifests();
  }
}
