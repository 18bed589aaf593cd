package io.k8up.core.internal.plan;

import com.google.common.collect.ImmutableList;
import io.k8up.core.model.Claim;
import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.plan.Action;
import io.k8up.core.plan.Decision;
import io.k8up.core.plan.DecisionReason;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.Support;
import io.k8up.core.spi.VolumeAccessStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

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

  /**
   * {@code backup} with its strategy chosen, or a {@link DecisionReason#NO_STRATEGY} failure, or
   * an {@link DecisionReason#INVALID_ANNOTATION} failure when the claim names a strategy this
   * selector does not have.
   */
  Decision select(ClusterSnapshot snapshot, Claim claim, Decision backup, Trace trace) {
    if (strategies.isEmpty() || backup.action() != Action.BACKUP) {
      return backup;
    }
    Optional<Decision> invalid = invalidAnnotation(claim, backup);
    if (invalid.isPresent()) {
      return invalid.get();
    }
    ClaimTarget target = backup.claimTarget().orElseThrow();
    List<VolumeAccessStrategy> candidates = candidates(claim);
    List<String> refusals = new ArrayList<>(candidates.size());
    for (VolumeAccessStrategy strategy : candidates) {
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
    return Decision.fail(backup.subject(), DecisionReason.NO_STRATEGY, backup.message()
        + (requested(claim).isPresent()
            ? " But the strategy its " + K8upAnnotations.VOLUME_ACCESS + " annotation asks for does not support it ("
                + String.join("; ", refusals) + "). Change or remove the annotation."
            : " But no installed volume-access strategy supports it (" + String.join("; ", refusals)
                + "). Install or enable a strategy that does."));
  }

  /** The strategies to ask, in order: the one the claim names, or all. */
  private List<VolumeAccessStrategy> candidates(Claim claim) {
    Optional<String> requested = requested(claim);
    return requested.isEmpty() ? strategies
        : strategies.stream().filter(strategy -> strategy.id().equals(requested.get())).toList();
  }

  private static Optional<String> requested(Claim claim) {
    return Optional.ofNullable(claim.annotations().get(K8upAnnotations.VOLUME_ACCESS)).map(String::strip);
  }

  private Optional<Decision> invalidAnnotation(Claim claim, Decision decision) {
    Optional<String> requested = requested(claim);
    if (requested.isEmpty() || strategies.stream().anyMatch(strategy -> strategy.id().equals(requested.get()))) {
      return Optional.empty();
    }
    return Optional.of(Decision.fail(decision.subject(), DecisionReason.INVALID_ANNOTATION,
        "The claim is annotated " + K8upAnnotations.VOLUME_ACCESS + "=\"" + requested.get()
            + "\", but no such volume-access strategy is enabled (enabled: "
            + strategies.stream().map(VolumeAccessStrategy::id).collect(Collectors.joining(", "))
            + "). Fix the annotation, or enable that strategy."));
  }

  /**
   * A backup by the first strategy that needs no node and supports {@code anywhere}, else {@code
   * noNode} with the reasons those strategies gave.
   */
  Decision selectWithoutNode(ClusterSnapshot snapshot, Claim claim, Decision noNode,
      Supplier<ClaimTarget> anywhereTarget, Trace trace) {
    if (strategies.isEmpty()) {
      return noNode;
    }
    Optional<Decision> invalid = invalidAnnotation(claim, noNode);
    if (invalid.isPresent()) {
      return invalid.get();
    }
    ClaimTarget anywhere = anywhereTarget.get();
    List<String> refusals = new ArrayList<>();
    for (VolumeAccessStrategy strategy : candidates(claim)) {
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
        return Decision.backup(noNode.subject(), anywhere, DecisionReason.SNAPSHOT,
                "Nothing says which node holds this volume, but strategy " + strategy.id()
                    + " needs no node: it backs up a snapshot of the volume.")
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
