package io.k8up.core.run;

import io.k8up.core.spi.RunId;

import com.google.common.collect.ImmutableList;
import io.k8up.core.plan.Action;
import java.time.Duration;
import org.immutables.value.Value;

/** What a run did: one outcome per decision of its plan, in the plan's order. */
@Value.Immutable
public abstract class BackupReport {

  public abstract RunId runId();

  public abstract ImmutableList<Outcome> outcomes();

  /** How many HTTP requests the executor made, retries included. */
  public abstract long apiRequests();

  public abstract Duration duration();

  /** Whether the run was interrupted before every unit ended. */
  public abstract boolean interrupted();

  /**
   * Objects the run created but could not delete, as {@code kind namespace/name: why}; empty
   * unless the API server refused or failed the deletions.
   */
  public abstract ImmutableList<String> leftovers();

  /**
   * The Kubernetes Events the run could not record, as {@code Event about <kind>
   * <namespace>/<name>: why}; empty
   * unless {@link ExecutorOptions#recordEvents()} is set and the API server refused or failed
   * them. An event that is not recorded changes no outcome.
   */
  public abstract ImmutableList<String> eventFailures();

  /**
   * Whether a claim or pod the plan decided to back up was not backed up: the run's counterpart
   * of {@link io.k8up.core.plan.BackupPlan#hasFailures()}. A plan's FAIL decisions are not
   * counted again here.
   */
  public boolean hasFailures() {
    return outcomes().stream().anyMatch(outcome -> outcome.plannedAction() == Action.BACKUP
        && outcome.status() != OutcomeStatus.SUCCEEDED);
  }

  /**
   * Whether every claim and pod the plan decided to back up was backed up; the report's JSON
   * field of the same name.
   *
   * @deprecated use {@code !}{@link #hasFailures()}, named like the plan's
   */
  @Deprecated
  public boolean allBackupsSucceeded() {
    return !hasFailures();
  }

  public static ImmutableBackupReport.Builder builder() {
    return ImmutableBackupReport.builder();
  }
}
