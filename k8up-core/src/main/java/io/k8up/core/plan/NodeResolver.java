package io.k8up.core.plan;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * An ordered chain of {@link NodeResolutionRule}s that places a ReadWriteOnce or ReadWriteOncePod
 * claim: the first rule that applies decides; when none does, the claim fails with {@link
 * DecisionReason#NO_NODE} rather than being guessed onto some node.
 *
 * <p>The {@linkplain #defaultChain() default chain} encodes the K8up acceptance criteria. Instances
 * are immutable and thread-safe.
 */
public final class NodeResolver {

  private static final NodeResolver DEFAULT =
      new NodeResolver(
          ImmutableList.of(
              NodeResolutionRule.mountingPod(),
              NodeResolutionRule.pvNodeAffinity(),
              NodeResolutionRule.hostnameAnnotation()));

  private final ImmutableList<NodeResolutionRule> rules;

  private NodeResolver(ImmutableList<NodeResolutionRule> rules) {
    this.rules = rules;
  }

  /**
   * Mounting pod, then the PersistentVolume's nodeAffinity, then the {@code k8up.io/hostname}
   * annotation. The PV's nodeAffinity wins over the annotation, as it does in Kubernetes.
   */
  public static NodeResolver defaultChain() {
    return DEFAULT;
  }

  /**
   * A chain of these rules, in this order.
   *
   * @throws IllegalArgumentException if {@code rules} is empty
   */
  public static NodeResolver of(List<? extends NodeResolutionRule> rules) {
    checkArgument(!rules.isEmpty(), "a node resolver needs at least one rule");
    return new NodeResolver(ImmutableList.copyOf(rules));
  }

  /** The rules, in the order they are asked. */
  public ImmutableList<NodeResolutionRule> rules() {
    return rules;
  }
}
