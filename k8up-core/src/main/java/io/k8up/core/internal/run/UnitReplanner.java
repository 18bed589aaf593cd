package io.k8up.core.internal.run;

import io.k8up.core.snapshot.SnapshotException;
import java.time.Instant;

/** Plans a stale unit's claims again, as its run's purpose does: a backup plan, or a restore plan. */
interface UnitReplanner {

  /**
   * Settles in {@code book} the claims a fresh plan no longer runs, with {@code why} first in the
   * message, and returns the others as units of the unit's next attempt.
   */
  Replanner.Replan replan(UnitState unit, String why, OutcomeBook book, Instant now) throws SnapshotException;
}
