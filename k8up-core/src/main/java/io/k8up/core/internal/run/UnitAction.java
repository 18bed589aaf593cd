package io.k8up.core.internal.run;

import com.google.common.collect.ImmutableMap;
import io.k8up.core.run.OutcomeReason;
import io.k8up.core.run.OutcomeStatus;
import io.k8up.core.spi.StaleCause;

/** What a transition asks the loop to do for one unit; the loop does it, in order. */
sealed interface UnitAction {

  /** Tell that the unit's pod is placed, on the node its state names. */
  record Placed() implements UnitAction {}

  /** Apply the unit's current step: create its objects and patches. */
  record ApplyStep() implements UnitAction {}

  /**
   * End the unit: delete what it created (unless failed units are kept) and settle its claims, with
   * what its last step reported ({@code details}, such as what a restore restored).
   */
  record End(OutcomeStatus status, OutcomeReason reason, String message, ImmutableMap<String, String> details)
      implements UnitAction {

    End(OutcomeStatus status, OutcomeReason reason, String message) {
      this(status, reason, message, ImmutableMap.of());
    }
  }

  /** Delete what the unit created and plan its claims again from a fresh read. */
  record Replan(String why, StaleCause cause) implements UnitAction {}

  /**
   * Read the events of the unit's pending pod {@code pod}, and decide again from the same state
   * with them in the observation.
   */
  record ReadMountEvents(String pod) implements UnitAction {}
}
