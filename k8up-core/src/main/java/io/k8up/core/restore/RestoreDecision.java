package io.k8up.core.restore;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import io.k8up.core.plan.Subject;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What the restore planner decided for one request: an action, a reason code, and a sentence that
 * tells a user what happened and what to do about it.
 */
@Value.Immutable(builder = false)
public abstract class RestoreDecision {

  /** The request decided. */
  @Value.Parameter
  public abstract RestoreRequest request();

  @Value.Parameter
  public abstract RestoreAction action();

  @Value.Parameter
  public abstract RestoreReason reason();

  /** A sentence for a person: what was decided, and how to change it. */
  @Value.Parameter
  public abstract String message();

  /** What to restore; present exactly when the action is {@link RestoreAction#RESTORE}. */
  @Value.Parameter
  public abstract Optional<RestoreTarget> target();

  /** The claim the files go into, as a subject: the one decisions are sorted and reported by. */
  public Subject subject() {
    return Subject.claim(request().namespace(), request().targetClaim());
  }

  @Value.Check
  void check() {
    checkState(target().isPresent() == (action() == RestoreAction.RESTORE), "a target goes with RESTORE only");
    checkState(reason().restores() == (action() == RestoreAction.RESTORE), "reason %s does not go with %s",
        reason(), action());
  }

  /** A decision to restore {@code target}. */
  public static RestoreDecision restore(RestoreRequest request, RestoreTarget target, RestoreReason reason,
      String message) {
    checkArgument(target.namespace().equals(request.namespace())
            && target.targetClaim().equals(request.targetClaim()),
        "target %s/%s is not the one %s asks for", target.namespace(), target.targetClaim(), request);
    return ImmutableRestoreDecision.of(request, RestoreAction.RESTORE, reason, message, Optional.of(target));
  }

  /** A decision to leave the request out. */
  public static RestoreDecision skip(RestoreRequest request, RestoreReason reason, String message) {
    return ImmutableRestoreDecision.of(request, RestoreAction.SKIP, reason, message, Optional.empty());
  }

  /** A decision that the request cannot be done. */
  public static RestoreDecision fail(RestoreRequest request, RestoreReason reason, String message) {
    return ImmutableRestoreDecision.of(request, RestoreAction.FAIL, reason, message, Optional.empty());
  }
}
