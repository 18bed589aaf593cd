package io.k8up.core.internal.plan;

import io.k8up.core.plan.ClaimContext;
import io.k8up.core.plan.DecisionReason;
import io.k8up.core.plan.NodeResolutionRule;
import io.k8up.core.plan.Resolution;

/** Calls a node rule, which may be a plug-in, turning a throw or a null into a failure. */
public final class GuardedRule {

  private GuardedRule() {}

  public static Resolution resolve(NodeResolutionRule rule, ClaimContext context) {
    Resolution resolution;
    try {
      resolution = rule.resolve(context);
    } catch (RuntimeException e) {
      return broken(rule, "threw " + e);
    }
    return resolution != null ? resolution : broken(rule, "returned null");
  }

  private static Resolution broken(NodeResolutionRule rule, String what) {
    return Resolution.failed(
        DecisionReason.NO_NODE,
        "The node rule \"" + rule.name() + "\" " + what + ", so the node could not be determined."
            + " Fix or remove that rule.");
  }
}
