package io.k8up.core.spi;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import io.kubernetes.client.common.KubernetesObject;

/**
 * Objects to create, in order; the unit ends when the Job named {@code completionJob} among them
 * is Complete or Failed, and then they are deleted in reverse order.
 *
 * @param objects the objects, in creation order
 * @param completionJob the name of the Job whose end ends the unit
 */
public record JobMaterialization(ImmutableList<KubernetesObject> objects, String completionJob)
    implements Materialization {

  public JobMaterialization {
    for (KubernetesObject object : objects) {
      checkArgument(object.getApiVersion() != null && object.getKind() != null,
          "every object needs apiVersion and kind");
      checkArgument(object.getMetadata() != null && object.getMetadata().getName() != null
          && object.getMetadata().getNamespace() != null, "every object needs a namespace and a name");
    }
    checkArgument(
        objects.stream().anyMatch(object -> "batch/v1".equals(object.getApiVersion())
            && "Job".equals(object.getKind())
            && completionJob.equals(object.getMetadata().getName())),
        "no Job named %s among the objects", completionJob);
  }

  @Override
  public ImmutableList<KubernetesObject> manifests() {
    return objects;
  }
}
