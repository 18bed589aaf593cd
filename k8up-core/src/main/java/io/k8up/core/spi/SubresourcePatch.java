package io.k8up.core.spi;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.base.Strings;
import io.kubernetes.client.common.KubernetesObject;

/**
 * A strategic-merge patch of an object's subresource, such as a pod's {@code ephemeralcontainers}:
 * {@code body} names the object (apiVersion, kind, namespace, name) and holds the fields to merge.
 * The engine sends the body's fields but its apiVersion, kind and metadata, as {@code kubectl patch
 * --subresource … --type strategic} would; {@code kubectl} users see the whole body.
 *
 * @param type the patched object's type
 * @param subresource the subresource, such as {@code ephemeralcontainers}
 * @param body the object with the fields to merge; treat it as read-only
 */
public record SubresourcePatch(ResourceType type, String subresource, KubernetesObject body) {

  /**
   * A patch.
   *
   * @throws IllegalArgumentException if the subresource is empty or the body has no namespace or name
   */
  public SubresourcePatch {
    checkArgument(type != null, "a type is required");
    checkArgument(!Strings.isNullOrEmpty(subresource), "a subresource is required");
    checkArgument(body.getMetadata() != null && !Strings.isNullOrEmpty(body.getMetadata().getNamespace())
        && !Strings.isNullOrEmpty(body.getMetadata().getName()), "the patched object needs a namespace and a name");
  }

  /** The patched object. */
  public ObjectRef target() {
    return new ObjectRef(type, body.getMetadata().getNamespace(), body.getMetadata().getName());
  }
}
