package io.k8up.core.internal.snapshot;

import java.util.Optional;

/**
 * What a list request reads: a resource such as {@code pods}, in one namespace or cluster-wide.
 *
 * @param resource the plural resource name, as RBAC rules name it; outside the core group followed
 *     by the group, as {@code kubectl} names it ({@code volumesnapshotclasses.snapshot.storage.k8s.io})
 * @param namespace the namespace, or empty for a cluster-scoped resource
 */
public record ListedResource(String resource, Optional<String> namespace) {

  /** The resource {@code resource} in {@code namespace}. */
  public static ListedResource inNamespace(String resource, String namespace) {
    return new ListedResource(resource, Optional.of(namespace));
  }

  /** The cluster-scoped resource {@code resource}. */
  public static ListedResource clusterScoped(String resource) {
    return new ListedResource(resource, Optional.empty());
  }

  /** E.g. {@code pods in namespace shop} or {@code persistentvolumes (cluster-scoped)}. */
  @Override
  public String toString() {
    return resource + namespace.map(ns -> " in namespace " + ns).orElse(" (cluster-scoped)");
  }
}
