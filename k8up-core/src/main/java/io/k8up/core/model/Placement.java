package io.k8up.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.immutables.value.Value;

/** Where a backup pod must run to reach a claim's volume. */
@Value.Immutable(builder = false)
@Value.Style(visibility = Value.Style.ImplementationVisibility.PACKAGE)
public abstract class Placement {

  /** The kinds of placement. */
  public enum Type {
    /** Any node: the volume is shared (ReadWriteMany, ReadOnlyMany) or needs no node. */
    ANY,
    /** The node of the pod that mounts the claim, named exactly. */
    POD_NODE,
    /** Where the PersistentVolume's required nodeAffinity says. */
    PV_NODE_AFFINITY,
    /** The node whose {@code kubernetes.io/hostname} label is the claim's annotation value. */
    HOSTNAME
  }

  private static final Placement ANYWHERE =
      ImmutablePlacement.of(Type.ANY, Optional.empty(), false, ImmutableList.of(), Optional.empty());

  @Value.Parameter
  public abstract Type type();

  /** For {@link Type#POD_NODE}: the node's name. */
  @Value.Parameter
  public abstract Optional<String> node();

  /**
   * For {@link Type#POD_NODE}: whether only the mounting pod itself can reach the volume (a
   * ReadWriteOncePod claim that a pod holds), so no second pod may mount it, even on that node.
   */
  @Value.Parameter
  public abstract boolean samePodOnly();

  /** For {@link Type#PV_NODE_AFFINITY}: the PersistentVolume's node selector terms, verbatim. */
  @Value.Parameter
  public abstract ImmutableList<NodeSelectorTerm> nodeSelectorTerms();

  /** For {@link Type#HOSTNAME}: the value of the node's {@code kubernetes.io/hostname} label. */
  @Value.Parameter
  public abstract Optional<String> hostname();

  @Value.Check
  void check() {
    checkState(node().isPresent() == (type() == Type.POD_NODE), "node is set for POD_NODE only");
    checkState(!samePodOnly() || type() == Type.POD_NODE, "samePodOnly is set for POD_NODE only");
    checkState(
        nodeSelectorTerms().isEmpty() == (type() != Type.PV_NODE_AFFINITY),
        "nodeSelectorTerms are set for PV_NODE_AFFINITY only, and never empty there");
    checkState(hostname().isPresent() == (type() == Type.HOSTNAME), "hostname is set for HOSTNAME only");
  }

  /**
   * Where, in words for a person: {@code any node}, {@code node worker-2} (with {@code (same pod
   * only)} when only the mounting pod can reach the volume), {@code hostname worker-1}, or {@code PV
   * affinity kubernetes.io/hostname In [worker-3]}, terms joined by {@code or}. Names and values
   * are as the cluster gives them: escape them ({@link io.k8up.core.TerminalText}) before showing
   * them on a terminal.
   */
  public String describe() {
    switch (type()) {
      case POD_NODE:
        return "node " + node().orElseThrow() + (samePodOnly() ? " (same pod only)" : "");
      case PV_NODE_AFFINITY:
        return "PV affinity " + nodeSelectorTerms().stream().map(Placement::describe).collect(Collectors.joining(" or "));
      case HOSTNAME:
        return "hostname " + hostname().orElseThrow();
      default:
        return "any node";
    }
  }

  private static String describe(NodeSelectorTerm term) {
    return Stream.concat(term.matchExpressions().stream(), term.matchFields().stream())
        .map(requirement -> requirement.key() + " " + requirement.operator()
            + (requirement.values().isEmpty() ? "" : " " + requirement.values()))
        .collect(Collectors.joining(","));
  }

  /** A placement on any node. */
  public static Placement anywhere() {
    return ANYWHERE;
  }

  /**
   * A placement on the node named {@code node}, where a pod mounts the claim.
   *
   * @param samePodOnly whether only that pod can reach the volume
   * @throws IllegalArgumentException if {@code node} is empty
   */
  public static Placement onPodNode(String node, boolean samePodOnly) {
    checkArgument(!node.isEmpty(), "node name is empty");
    return ImmutablePlacement.of(Type.POD_NODE, Optional.of(node), samePodOnly, ImmutableList.of(), Optional.empty());
  }

  /**
   * A placement where a PersistentVolume's required nodeAffinity says.
   *
   * @throws IllegalArgumentException if {@code terms} is empty
   */
  public static Placement byNodeAffinity(Iterable<NodeSelectorTerm> terms) {
    ImmutableList<NodeSelectorTerm> copy = ImmutableList.copyOf(terms);
    checkArgument(!copy.isEmpty(), "a node affinity needs at least one term");
    return ImmutablePlacement.of(Type.PV_NODE_AFFINITY, Optional.empty(), false, copy, Optional.empty());
  }

  /**
   * A placement on the node whose {@code kubernetes.io/hostname} label is {@code hostname}.
   *
   * @throws IllegalArgumentException if {@code hostname} is empty
   */
  public static Placement onHostname(String hostname) {
    checkArgument(!hostname.isEmpty(), "hostname is empty");
    return ImmutablePlacement.of(Type.HOSTNAME, Optional.empty(), false, ImmutableList.of(), Optional.of(hostname));
  }
}
