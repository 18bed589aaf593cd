package io.k8up.core.run;

import com.google.common.collect.ImmutableList;
import io.k8up.core.restore.RestoreAction;
import io.k8up.core.spi.RunId;
import java.time.Duration;
import org.immutables.value.Value;

/** What a restore run did: one {@link RestoreOutcome} per decision of its plan, in the plan's order. */
@Value.Immutable
public abstract class RestoreReport {

  public abstract RunId runId();

  public abstract ImmutableList<RestoreOutcome> outcomes();

  /** The requests the run made to the API server, retries included. */
  public abstract long apiRequests();

  public abstract Duration duration();

  /** Whether the run was interrupted before every restore ended. */
  public abstract boolean interrupted();

  /** What the run created and could not delete, for a person to delete. */
  public abstract ImmutableList<String> leftovers();

  /**
   * Whether something the plan decided to restore was not restored; the plan's FAIL decisions are
   * {@link io.k8up.core.restore.RestorePlan#hasFailures()}'s, and are not counted again here.
   */
  public boolean hasFailures() {
    return outcomes().stream().anyMatch(outcome -> outcome.plannedAction() == RestoreAction.RESTORE
        && outcome.status() != OutcomeStatus.SUCCEEDED);
  }

  public static ImmutableRestoreReport.Builder builder() {
    return ImmutableRestoreReport.builder();
  }
}
