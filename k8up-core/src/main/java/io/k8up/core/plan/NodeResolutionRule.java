package io.k8up.core.plan;

import io.k8up.core.internal.plan.HostnameAnnotationRule;
import io.k8up.core.internal.plan.MountingPodRule;
import io.k8up.core.internal.plan.PvNodeAffinityRule;

/**
 * One rule of a {@link NodeResolver}: places a bound ReadWriteOnce or ReadWriteOncePod claim, or
 * says it does not apply so the next rule can.
 *
 * <p>Implementations must be pure and thread-safe. A rule that throws or returns {@code null}
 * fails the claim with {@link DecisionReason#NO_NODE} and a message naming the rule.
 */
public interface NodeResolutionRule {

  /** A short name for explanations, such as {@code mounting pod}. */
  String name();

  /** This rule's answer for the claim. */
  Resolution resolve(ClaimContext context);

  /**
   * The pods that mount the claim decide: Running ones if any, else Pending ones. One node → the
   * backup runs there ({@link DecisionReason#MOUNTING_POD}); two or more → {@link
   * DecisionReason#AMBIGUOUS_NODE}; a pod with {@code k8up.io/backupcommand} → the claim is skipped
   * with {@link DecisionReason#BACKUP_COMMAND}. A ReadWriteOncePod claim is placed {@code
   * samePodOnly}.
   */
  static NodeResolutionRule mountingPod() {
    return MountingPodRule.INSTANCE;
  }

  /** The PersistentVolume's required nodeAffinity places the backup, verbatim. */
  static NodeResolutionRule pvNodeAffinity() {
    return PvNodeAffinityRule.INSTANCE;
  }

  /**
   * The claim's {@code k8up.io/hostname} annotation places the backup on the node with that {@code
   * kubernetes.io/hostname} label; a value that is not a valid label value fails the claim.
   */
  static NodeResolutionRule hostnameAnnotation() {
    return HostnameAnnotationRule.INSTANCE;
  }
}
