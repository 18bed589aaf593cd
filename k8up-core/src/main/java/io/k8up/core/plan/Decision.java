package io.k8up.core.plan;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import io.k8up.core.model.BackupTarget;
import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.CommandTarget;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What the planner decided for one claim or pod: an action, a reason code, and a sentence that
 * tells a user what happened and what to do about it.
 */
// Built through the factories below, with no builder: a plan makes one per claim and pod.
@Value.Immutable(builder = false)
public abstract class Decision {

  @Value.Parameter
  public abstract Subject subject();

  @Value.Parameter
  public abstract Action action();

  @Value.Parameter
  public abstract DecisionReason reason();

  /** A sentence for a person: what was decided, and how to change it. */
  @Value.Parameter
  public abstract String message();

  /** What to back up; present exactly when the action is {@link Action#BACKUP}. */
  @Value.Parameter
  public abstract Optional<BackupTarget> target();

  /** The id of the volume-access strategy chosen for a claim, once strategies are installed. */
  @Value.Parameter
  public abstract Optional<String> strategy();

  @Value.Check
  void check() {
    // Each call of an Optional accessor wraps the field anew (ImmutableDecision keeps it unwrapped),
    // and a plan checks hundreds of thousands of decisions: each is read once, and unwrapped.
    BackupTarget target = target().orElse(null);
    checkState((target != null) == (action() == Action.BACKUP), "a target goes with BACKUP only");
    checkState(strategy().isEmpty() || target instanceof ClaimTarget, "a strategy goes with a claim backup only");
  }

  /** The claim target of a claim backup, if this is one. */
  public Optional<ClaimTarget> claimTarget() {
    return target().filter(ClaimTarget.class::isInstance).map(ClaimTarget.class::cast);
  }

  /** The command target of a pod's backup command, if this is one. */
  public Optional<CommandTarget> commandTarget() {
    return target().filter(CommandTarget.class::isInstance).map(CommandTarget.class::cast);
  }

  /**
   * The node the backup runs on, where the plan knows it: the node of the pod that mounts the
   * claim, or that a backup command's pod runs on. Empty for other placements (a label or affinity
   * that the scheduler resolves) and for decisions that back nothing up.
   */
  public Optional<String> node() {
    Optional<String> claimNode = claimTarget().flatMap(target -> target.placement().node());
    return claimNode.isPresent() ? claimNode : commandTarget().flatMap(CommandTarget::node);
  }

  /** A decision to back {@code target} up, without a strategy. */
  public static Decision backup(Subject subject, BackupTarget target, DecisionReason reason, String message) {
    checkArgument(
        subject.namespace().equals(target.namespace()) && subject.name().equals(target.name()),
        "target %s/%s is not %s", target.namespace(), target.name(), subject);
    return ImmutableDecision.of(subject, Action.BACKUP, reason, message, Optional.of(target), Optional.empty());
  }

  /** A decision to leave {@code subject} out. */
  public static Decision skip(Subject subject, DecisionReason reason, String message) {
    return ImmutableDecision.of(subject, Action.SKIP, reason, message, Optional.empty(), Optional.empty());
  }

  /** A decision that {@code subject} cannot be backed up. */
  public static Decision fail(Subject subject, DecisionReason reason, String message) {
    return ImmutableDecision.of(subject, Action.FAIL, reason, message, Optional.empty(), Optional.empty());
  }

  /**
   * This backup decision with {@code strategyId} chosen.
   *
   * @throws IllegalStateException if this is not a claim backup
   */
  public Decision withStrategy(String strategyId) {
    return ImmutableDecision.of(subject(), action(), reason(), message(), target(), Optional.of(strategyId));
  }
}
