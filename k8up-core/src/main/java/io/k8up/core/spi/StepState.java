package io.k8up.core.spi;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a step stands: in progress, done, failed with a reason, or stale (its placement cannot
 * work, and the unit is planned again). Made by the static factories; every message is a sentence
 * telling the user what happened and what to do.
 */
public final class StepState {

  /** The four states. */
  public enum Kind {
    IN_PROGRESS,
    DONE,
    FAILED,
    STALE
  }

  private static final StepState IN_PROGRESS = new StepState(Kind.IN_PROGRESS, null, null, "");
  private static final StepState DONE = new StepState(Kind.DONE, null, null, "");

  private final Kind kind;
  private final StepFailure failure;
  private final StaleCause cause;
  private final String message;
  private final ImmutableMap<String, String> details;

  private StepState(Kind kind, StepFailure failure, StaleCause cause, String message) {
    this(kind, failure, cause, message, ImmutableMap.of());
  }

  private StepState(Kind kind, StepFailure failure, StaleCause cause, String message,
      ImmutableMap<String, String> details) {
    this.kind = kind;
    this.failure = failure;
    this.cause = cause;
    this.message = message;
    this.details = details;
  }

  /** The step goes on. */
  public static StepState inProgress() {
    return IN_PROGRESS;
  }

  /**
   * The step goes on, and {@code lastProblem} is what to tell the user if it times out, such as
   * {@code VolumeSnapshot x never became ready to use.}
   */
  public static StepState inProgress(String lastProblem) {
    return new StepState(Kind.IN_PROGRESS, null, null, checkNotNull(lastProblem, "lastProblem"));
  }

  /** The step is done; the next one starts, or the unit succeeded after the last. */
  public static StepState done() {
    return DONE;
  }

  /**
   * The step is done, and its work reported {@code details}, such as the snapshot a restore
   * restored; the run's outcome for the unit's claims carries them when this is the last step.
   */
  public static StepState done(Map<String, String> details) {
    return new StepState(Kind.DONE, null, null, "", ImmutableMap.copyOf(details));
  }

  /**
   * The step failed for {@code failure}.
   *
   * @throws IllegalArgumentException if {@code message} is blank
   */
  public static StepState failed(StepFailure failure, String message) {
    checkArgument(!message.isBlank(), "a failure needs a message");
    return new StepState(Kind.FAILED, checkNotNull(failure, "failure"), null, message);
  }

  /**
   * The unit's placement went stale for {@code cause}: its objects are deleted and its claims
   * planned again from a fresh read.
   *
   * @throws IllegalArgumentException if {@code message} is blank
   */
  public static StepState stale(StaleCause cause, String message) {
    checkArgument(!message.isBlank(), "a stale placement needs a message");
    return new StepState(Kind.STALE, null, checkNotNull(cause, "cause"), message);
  }

  public Kind kind() {
    return kind;
  }

  /** Why it failed, when {@link Kind#FAILED}. */
  public Optional<StepFailure> failure() {
    return Optional.ofNullable(failure);
  }

  /** Why the placement went stale, when {@link Kind#STALE}. */
  public Optional<StaleCause> staleCause() {
    return Optional.ofNullable(cause);
  }

  /** The sentence for the user: why it failed or went stale, or the last problem of a step in progress. */
  public String message() {
    return message;
  }

  /** What a done step reported; empty unless made by {@link #done(Map)}. */
  public ImmutableMap<String, String> details() {
    return details;
  }

  @Override
  public String toString() {
    return kind + (message.isEmpty() ? "" : ": " + message);
  }
}
