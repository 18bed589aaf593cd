package io.k8up.core.internal.run;

import io.k8up.core.run.OutcomeReason;
import io.k8up.core.run.OutcomeStatus;

/**
 * What the per-kind unit classes ({@link JobUnits}, {@link EphemeralUnits}, {@link SnapshotUnits})
 * report. They decide what a look at the cluster means; {@link RunningUnits} keeps the running
 * units, settles their outcomes and cleans up, so that logic exists once for every kind.
 */
interface UnitReports {

  /** Counts {@code unit} as running: against the limits, and settled as interrupted if the run stops. */
  void watch(UnitInFlight unit);

  /** The unit's objects exist; {@code adopted} when they existed before the run created them. */
  void started(UnitInFlight unit, boolean adopted);

  /** The unit's pod is on {@code unit.node}; reported once per unit. */
  void placed(UnitInFlight unit);

  /** The unit never ran: it failed before it counted as running, and nothing of it is left. */
  void notStarted(QueuedUnit queued, OutcomeReason reason, String message);

  /** The unit's start was cut short and its objects deleted: it goes back to the queue, not started. */
  void requeue(QueuedUnit queued);

  /** The unit ended; its objects are deleted unless failed units are kept. */
  void finish(UnitInFlight unit, OutcomeStatus status, OutcomeReason reason, String message);

  /** The unit failed with objects the run must not delete, or that are gone. */
  void failWithoutCleanup(UnitInFlight unit, OutcomeReason reason, String message);

  /**
   * The unit cannot succeed where it was placed: its claims are planned again from a fresh read,
   * unless {@code cause} says the fresh placement, being the same, would fail the same way.
   */
  void stale(UnitInFlight unit, String why, StaleCause cause) throws InterruptedException;

  /** Fails the unit if it ran past the unit timeout; {@code lastProblem} ends the message. */
  void failIfOverdue(UnitInFlight unit, String lastProblem);

  /** A look at {@code what} failed: forbidden ends the unit, anything else may pass by the next look. */
  default void lookFailed(UnitInFlight unit, ApiCallException e, String what) {
    if (e.isForbidden()) {
      finish(unit, OutcomeStatus.FAILED, OutcomeReason.FORBIDDEN, e.getMessage());
    } else {
      failIfOverdue(unit, " The last look at " + what + " failed: " + e.getMessage());
    }
  }

  /** The reason a refused request gives a unit. */
  static OutcomeReason apiFailure(ApiCallException e) {
    return e.isForbidden() ? OutcomeReason.FORBIDDEN : OutcomeReason.API_ERROR;
  }
}
