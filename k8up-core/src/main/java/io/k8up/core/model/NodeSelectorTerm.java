package io.k8up.core.model;

import com.google.common.collect.ImmutableList;
import org.immutables.value.Value;

/**
 * One term of a node selector: a node matches the term when it meets every expression and every
 * field requirement; it matches a list of terms when it matches any of them.
 */
@Value.Immutable
public abstract class NodeSelectorTerm {

  /** Requirements on node labels. */
  public abstract ImmutableList<NodeSelectorRequirement> matchExpressions();

  /** Requirements on node fields, such as {@code metadata.name}. */
  public abstract ImmutableList<NodeSelectorRequirement> matchFields();

  public static ImmutableNodeSelectorTerm.Builder builder() {
    return ImmutableNodeSelectorTerm.builder();
  }
}
