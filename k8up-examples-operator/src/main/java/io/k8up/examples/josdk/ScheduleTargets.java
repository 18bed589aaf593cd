package io.k8up.examples.josdk;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableSortedSet;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The namespaces a schedule backs up: the one it names, or those whose labels its {@code
 * namespaceSelector} matches when the run starts (one list of Namespaces, which needs {@code list}
 * on {@code namespaces}). The CRD rejects a spec with both or neither; this checks again, as a
 * resource may predate the rule or come from a server that does not run validation rules.
 */
final class ScheduleTargets {

  private ScheduleTargets() {}

  /**
   * Checks that {@code spec} names exactly one kind of target.
   *
   * @throws IllegalArgumentException if it names both a namespace and a selector, or neither
   */
  static void check(BackupScheduleSpec spec) {
    boolean named = spec.getNamespace() != null && !spec.getNamespace().isBlank();
    checkArgument(named != (spec.getNamespaceSelector() != null),
        "set exactly one of spec.namespace and spec.namespaceSelector");
  }

  /**
   * The namespaces {@code spec} backs up now, sorted.
   *
   * @throws IllegalArgumentException as {@link #check} does, or if the selector has an operator
   *     that is not In, NotIn, Exists or DoesNotExist
   * @throws KubernetesClientException if the Namespaces cannot be listed
   */
  static ImmutableSortedSet<String> of(BackupScheduleSpec spec, KubernetesClient client) {
    check(spec);
    LabelSelector selector = spec.getNamespaceSelector();
    if (selector == null) {
      return ImmutableSortedSet.of(spec.getNamespace());
    }
    return client.namespaces().withLabelSelector(selector).list().getItems().stream()
        .map(namespace -> namespace.getMetadata().getName())
        .collect(ImmutableSortedSet.toImmutableSortedSet(String::compareTo));
  }
}
