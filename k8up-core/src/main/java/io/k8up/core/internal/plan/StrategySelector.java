package io.k8up.core.internal.plan;

import com.google.common.collect.ImmutableList;
import io.k8up.core.model.ClaimTarget;
import io.k8up.core.plan.Action;
import io.k8up.core.plan.Decision;
import io.k8up.core.plan.DecisionReason;
import io.k8up.core.spi.Support;
import io.k8up.core.spi.VolumeAccessStrategy;
import io.k8up.core.snapshot.ClusterSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Picks the first strategy, in the caller's order of preference, that supports a claim; with no
 * strategy installed it leaves decisions as they are.
 */
public final class StrategySelector {

  private static final String RULE = "strategy";

  private final ImmutableList<VolumeAccessStrategy> strategies;

  public StrategySelector(List<VolumeAccessStrategy> strategies) {
    this.strategies = ImmutableList.copyOf(strategies);
  }

  /** {@code backup} with its strategy chosen, or a {@link DecisionReason#NO_STRATEGY} failure. */
  Decision select(ClusterSnapshot snapshot, Decision backup, Trace trace) {
    if (strategies.isEmpty() || backup.action() != Action.BACKUP) {
      return backup;
    }
    ClaimTarget target = backup.claimTarget().orElseThrow();
    List<String> refusals = new ArrayList<>(strategies.size());
    for (VolumeAccessStrategy strategy : strategies) {
      Support support = supports(strategy, target, snapshot);
      if (support.isSupported()) {
        if (trace.enabled()) {
          trace.decided(RULE + " " + strategy.id(), "supports the claim and is chosen");
        }
        return backup.withStrategy(strategy.id());
      }
      String reason = support.reason().orElseThrow();
      refusals.add(strategy.id() + ": " + reason);
      if (trace.enabled()) {
        trace.passed(RULE + " " + strategy.id(), reason);
      }
    }
    return Decision.fail(backup.subject(), DecisionReason.NO_STRATEGY,
        backup.message() + " But no installed volume-access strategy supports it (" + String.join("; ", refusals)
            + "). Install or enable a strategy that does.");
  }

  /**
   * A backup by the first strategy that needs no node and supports {@code anywhere}, else {@code
   * noNode} with the reasons those strategies gave.
   */
  Decision selectWithoutNode(
      ClusterSnapshot snapshot, Decision noNode, Supplier<ClaimTarget> anywhereTarget, Trace trace) {
    if (strategies.isEmpty()) {
      return noNode;
    }
    ClaimTarget anywhere = anywhereTarget.get();
    List<String> refusals = new ArrayList<>();
    for (VolumeAccessStrategy strategy : strategies) {
      if (strategy.requiresNode()) {
        if (trace.enabled()) {
          trace.passed(RULE + " " + strategy.id(), "needs a node");
        }
        continue;
      }
      Support support = supports(strategy, anywhere, snapshot);
      if (support.isSupported()) {
        if (trace.enabled()) {
          trace.decided(RULE + " " + strategy.id(), "needs no node, supports the claim and is chosen");
        }
        return Decision.backup(noNode.subject(), anywhere, DecisionReason.NODE_INDEPENDENT,
                "Nothing says which node holds this volume, but strategy " + strategy.id()
                    + " reaches it without a node.")
            .withStrategy(strategy.id());
      }
      refusals.add(strategy.id() + ": " + support.reason().orElseThrow());
    }
    if (refusals.isEmpty()) {
      return noNode;
    }
    return Decision.fail(noNode.subject(), DecisionReason.NO_NODE,
        noNode.message() + " The strategies that need no node do not support it either ("
            + String.join("; ", refusals) + ").");
  }

  /** Asks a strategy, which is plug-in code, turning a throw or a null into a refusal. */
  private static Support supports(VolumeAccessStrategy strategy, ClaimTarget target, ClusterSnapshot snapshot) {
    try {
      Support support = strategy.supports(target, snapshot);
      return support != null ? support : Support.unsupported("the strategy gave no answer (null)");
    } catch (RuntimeException e) {
      return Support.unsupported("the strategy failed: " + e);
    }
  }
}
