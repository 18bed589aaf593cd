package io.k8up.core.plan;

import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import io.k8up.core.model.Placement;
import java.util.Optional;
import org.immutables.value.Value;

/** A {@link NodeResolutionRule}'s answer for one claim. */
// Built through the factories below, with no builder: one is made for most claims of a plan.
@Value.Immutable(builder = false)
public abstract class Resolution {

  /** The kinds of answer. */
  public enum Outcome {
    /** The rule placed the claim: back it up there. */
    PLACED,
    /** The rule decided the claim must not be backed up as files. */
    SKIPPED,
    /** The rule decided the claim cannot be backed up. */
    FAILED,
    /** The rule does not apply; the next rule decides. */
    NOT_APPLICABLE
  }

  @Value.Parameter
  public abstract Outcome outcome();

  /** For {@link Outcome#PLACED}: where the backup must run. */
  @Value.Parameter
  public abstract Optional<Placement> placement();

  /** The reason code of the decision; empty for {@link Outcome#NOT_APPLICABLE}. */
  @Value.Parameter
  public abstract Optional<DecisionReason> reason();

  /** For the user: the decision, or why the rule did not apply. */
  @Value.Parameter
  public abstract String message();

  /** For {@link Outcome#PLACED} on a pod's node: the pods that mount the claim there. */
  @Value.Parameter
  public abstract ImmutableList<String> mountingPods();

  @Value.Check
  void check() {
    checkState(placement().isPresent() == (outcome() == Outcome.PLACED), "a placement goes with PLACED only");
    checkState(reason().isPresent() != (outcome() == Outcome.NOT_APPLICABLE), "NOT_APPLICABLE has no reason");
    checkState(mountingPods().isEmpty() || outcome() == Outcome.PLACED, "mounting pods go with PLACED only");
  }

  /** Back the claim up at {@code placement}. */
  public static Resolution placed(Placement placement, DecisionReason reason, String message) {
    return placed(placement, reason, message, ImmutableList.of());
  }

  /** Back the claim up at {@code placement}, where {@code mountingPods} mount it. */
  public static Resolution placed(
      Placement placement, DecisionReason reason, String message, Iterable<String> mountingPods) {
    return ImmutableResolution.of(
        Outcome.PLACED, Optional.of(placement), Optional.of(reason), message, ImmutableList.copyOf(mountingPods));
  }

  /** Skip the claim. */
  public static Resolution skipped(DecisionReason reason, String message) {
    return ImmutableResolution.of(Outcome.SKIPPED, Optional.empty(), Optional.of(reason), message, ImmutableList.of());
  }

  /** Fail the claim. */
  public static Resolution failed(DecisionReason reason, String message) {
    return ImmutableResolution.of(Outcome.FAILED, Optional.empty(), Optional.of(reason), message, ImmutableList.of());
  }

  /** This rule does not apply, because of {@code why}. */
  public static Resolution notApplicable(String why) {
    return ImmutableResolution.of(Outcome.NOT_APPLICABLE, Optional.empty(), Optional.empty(), why, ImmutableList.of());
  }
}
