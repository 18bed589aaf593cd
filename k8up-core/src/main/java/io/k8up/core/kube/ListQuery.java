package io.k8up.core.kube;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Optional;

/**
 * What a list asks for: a namespace (none for a cluster-scoped type or all namespaces), selectors,
 * and how many objects a page holds.
 *
 * @param namespace the namespace, or empty
 * @param labelSelector a label selector, or empty for all
 * @param fieldSelector a field selector, or empty for all; servers that ignore it answer with all
 * @param pageSize the {@code limit} of each page request
 */
public record ListQuery(Optional<String> namespace, Optional<String> labelSelector, Optional<String> fieldSelector,
    int pageSize) {

  /** The default page size, as kubectl's {@code --chunk-size}. */
  public static final int DEFAULT_PAGE_SIZE = 500;

  /**
   * A query.
   *
   * @throws IllegalArgumentException if {@code pageSize} is not positive
   */
  public ListQuery {
    checkArgument(pageSize > 0, "the page size must be positive");
  }

  /** Everything of a type in {@code namespace}. */
  public static ListQuery in(String namespace) {
    return new ListQuery(Optional.of(namespace), Optional.empty(), Optional.empty(), DEFAULT_PAGE_SIZE);
  }

  /** Everything of a cluster-scoped type, or of every namespace. */
  public static ListQuery clusterWide() {
    return new ListQuery(Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_PAGE_SIZE);
  }

  /** This query, with the objects that match {@code selector} only. */
  public ListQuery withLabels(String selector) {
    return new ListQuery(namespace, Optional.of(selector), fieldSelector, pageSize);
  }

  /** This query, with the objects whose fields match {@code selector} only. */
  public ListQuery withFields(String selector) {
    return new ListQuery(namespace, labelSelector, Optional.of(selector), pageSize);
  }

  /** This query, with pages of {@code size} objects. */
  public ListQuery withPageSize(int size) {
    return new ListQuery(namespace, labelSelector, fieldSelector, size);
  }
}
