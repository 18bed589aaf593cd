package io.k8up.core.run;

import com.google.common.collect.ImmutableMap;
import io.k8up.core.plan.Action;
import io.k8up.core.plan.DecisionReason;
import io.k8up.core.plan.Subject;
import java.time.Duration;
import java.util.Optional;
import org.immutables.value.Value;

/** How one claim or pod of the plan fared in a run. */
@Value.Immutable
public abstract class Outcome {

  /** The claim or pod. */
  public abstract Subject subject();

  /** What the plan the run started from decided for it. */
  public abstract Action plannedAction();

  public abstract OutcomeStatus status();

  public abstract OutcomeReason reason();

  /** The plan's reason, for outcomes the plan (or a re-plan) decided. */
  public abstract Optional<DecisionReason> planReason();

  /** A sentence for a person: what happened and what to do about it. */
  public abstract String message();

  /** The strategy that backed the claim up, or tried to. */
  public abstract Optional<String> strategy();

  /** The id of the last unit the claim was part of. */
  public abstract Optional<String> unitId();

  /** The node the backup ran on, once known. */
  public abstract Optional<String> node();

  /** How many placements were tried; 0 when none was. */
  @Value.Default
  public int attempts() {
    return 0;
  }

  /** From the start of the first attempt to the end of the last; empty when none started. */
  public abstract Optional<Duration> duration();

  /** For a pod's backup command: what running it gave; empty for claims. */
  public abstract Optional<CommandReport> command();

  /**
   * What the unit's last step reported when it succeeded, such as the snapshot a restore restored
   * ({@link io.k8up.core.spi.StepState#done(java.util.Map)}); empty for backups.
   */
  public abstract ImmutableMap<String, String> details();

  public static ImmutableOutcome.Builder builder() {
    return ImmutableOutcome.builder();
  }
}
