package io.k8up.core.plan;

import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import io.k8up.core.model.Placement;
import java.util.Optional;
import org.immutables.value.Value;

/** A {@link NodeResolutionRule}'s answer for one claim. */
@Value.Immutable
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

  public abstract Outcome outcome();

  /** For {@link Outcome#PLACED}: where the backup must run. */
  public abstract Optional<Placement> placement();

  /** The reason code of the decision; empty for {@link Outcome#NOT_APPLICABLE}. */
  public abstract Optional<DecisionReason> reason();

  /** For the user: the decision, or why the rule did not apply. */
  public abstract String message();

  /** For {@link Outcome#PLACED} on a pod's node: the pods that mount the claim there. */
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
    return ImmutableResolution.builder()
        .outcome(Outcome.PLACED)
        .placement(placement)
        .reason(reason)
        .message(message)
        .mountingPods(mountingPods)
        .build();
  }

  /** Skip the claim. */
  public static Resolution skipped(DecisionReason reason, String message) {
    return ImmutableResolution.builder().outcome(Outcome.SKIPPED).reason(reason).message(message).build();
  }

  /** Fail the claim. */
  public static Resolution failed(DecisionReason reason, String message) {
    return ImmutableResolution.builder().outcome(Outcome.FAILED).reason(reason).message(message).build();
  }

  /** This rule does not apply, because of {@code why}. */
  public static Resolution notApplicable(String why) {
    return ImmutableResolution.builder().outcome(Outcome.NOT_APPLICABLE).message(why).build();
  }
}
