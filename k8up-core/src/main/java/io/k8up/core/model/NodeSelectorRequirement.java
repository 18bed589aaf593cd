package io.k8up.core.model;

import com.google.common.collect.ImmutableList;
import org.immutables.value.Value;

/**
 * One requirement of a node selector term, copied verbatim from Kubernetes: the operator is kept as
 * written ({@code In}, {@code NotIn}, {@code Exists}, {@code DoesNotExist}, {@code Gt}, {@code
 * Lt}) so that a placement reproduces exactly what the PersistentVolume says.
 */
@Value.Immutable
public abstract class NodeSelectorRequirement {

  public abstract String key();

  public abstract String operator();

  public abstract ImmutableList<String> values();

  public static NodeSelectorRequirement of(String key, String operator, Iterable<String> values) {
    return ImmutableNodeSelectorRequirement.builder()
        .key(key)
        .operator(operator)
        .values(values)
        .build();
  }
}
