package io.k8up.core.spi;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.base.Strings;
import com.google.common.collect.ImmutableList;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.models.V1EphemeralContainer;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import java.util.List;

/**
 * An ephemeral container to add to a running pod through its {@code ephemeralcontainers}
 * subresource; the unit ends when the container terminates. A restarted run that finds a
 * container of this name in the pod follows it instead of adding another.
 *
 * @param namespace the pod's namespace
 * @param pod the pod's name
 * @param container the container, with the name the run gives it
 */
public record EphemeralContainerMaterialization(String namespace, String pod,
    V1EphemeralContainer container) implements Materialization {

  public EphemeralContainerMaterialization {
    checkArgument(!Strings.isNullOrEmpty(namespace) && !Strings.isNullOrEmpty(pod), "a pod needs a namespace and name");
    checkArgument(!Strings.isNullOrEmpty(container.getName()), "the container needs a name");
    checkArgument(!Strings.isNullOrEmpty(container.getImage()), "the container needs an image");
  }

  /** The container's name. */
  public String containerName() {
    return container.getName();
  }

  /**
   * The pod with only this container in {@code spec.ephemeralContainers}: the body of the
   * strategic-merge patch the executor sends, as {@code kubectl patch pod --subresource
   * ephemeralcontainers --type strategic} takes it.
   */
  @Override
  public ImmutableList<KubernetesObject> manifests() {
    return ImmutableList.of(new V1Pod()
        .apiVersion("v1")
        .kind("Pod")
        .metadata(new V1ObjectMeta().namespace(namespace).name(pod))
        .spec(new V1PodSpec().ephemeralContainers(List.of(container))));
  }
}
