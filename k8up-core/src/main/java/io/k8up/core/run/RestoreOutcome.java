package io.k8up.core.run;

import io.k8up.core.plan.Subject;
import io.k8up.core.restore.RestoreAction;
import io.k8up.core.restore.RestoreReason;
import java.time.Duration;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * How one restore request of a plan fared in a run: the target claim, its status and reason, and for
 * a restore that ran, the snapshot restored and the files and bytes restic reported.
 */
@Value.Immutable
public abstract class RestoreOutcome {

  /** The claim the files go into. */
  public abstract Subject subject();

  /** The claim whose backup is restored; the subject's name for a restore in place. */
  public abstract String sourceClaim();

  /** What the plan the run started from decided for it. */
  public abstract RestoreAction plannedAction();

  public abstract OutcomeStatus status();

  /**
   * {@link OutcomeReason#RESTORED} for a restore that succeeded, {@link OutcomeReason#PLANNED} for
   * the plan's own decision, else why the restore failed.
   */
  public abstract OutcomeReason reason();

  /** The plan's reason, for outcomes the plan decided. */
  public abstract Optional<RestoreReason> planReason();

  /** A sentence for a person: what happened and what to do about it. */
  public abstract String message();

  /** The strategy that restored the claim, or tried to. */
  public abstract Optional<String> strategy();

  /** The node the restore ran on, once known. */
  public abstract Optional<String> node();

  /** How many placements were tried; 0 when none was. */
  @Value.Default
  public int attempts() {
    return 0;
  }

  /** From the start of the first attempt to the end of the last; empty when none started. */
  public abstract Optional<Duration> duration();

  /** The restic snapshot id restored, as the restore pod reported it. */
  public abstract Optional<String> snapshotId();

  /** How many files restic restored, when it reports it (restic 0.17 and later). */
  public abstract Optional<Long> filesRestored();

  /** How many bytes restic restored, when it reports it (restic 0.17 and later). */
  public abstract Optional<Long> bytesRestored();

  public static ImmutableRestoreOutcome.Builder builder() {
    return ImmutableRestoreOutcome.builder();
  }
}
