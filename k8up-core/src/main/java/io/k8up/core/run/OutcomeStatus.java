package io.k8up.core.run;

/** How a claim or pod fared in a run. */
public enum OutcomeStatus {
  /** Backed up. */
  SUCCEEDED,
  /** Not backed up, because of a problem the reason names. */
  FAILED,
  /** Left out on purpose, as the plan decided. */
  SKIPPED,
  /** Not tried to the end: the run was interrupted, or this kind of backup is not run yet. */
  NOT_RUN
}
