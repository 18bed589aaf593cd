package io.k8up.core.run;

/** Why a claim or pod fared as it did in a run; stable codes, documented in {@code docs/run-report.md}. */
public enum OutcomeReason {
  /** The backup completed. */
  BACKED_UP,
  /** The plan's decision to skip or fail stands; the outcome carries the plan's reason. */
  PLANNED,
  /** After a stale placement, a fresh plan skipped or failed the claim; the outcome carries why. */
  REPLANNED,
  /** The plan chose no strategy for the claim: none is configured. */
  NO_STRATEGY,
  /** The strategy could not turn the claim into Kubernetes objects. */
  MATERIALIZE_FAILED,
  /** The backup pod ran and failed. */
  BACKUP_FAILED,
  /** The VolumeSnapshot of the claim failed; the message has the snapshot controller's error. */
  SNAPSHOT_FAILED,
  /** The backup container could not start: its image cannot be pulled, or a Secret it needs is missing. */
  TOOL_NOT_STARTED,
  /** The unit ran longer than the unit timeout. */
  TIMED_OUT,
  /** The backup pod could not be placed or could not mount the volume, on every attempt. */
  PLACEMENT_STALE,
  /** The API server forbade a request; the message names the verb and resource to grant. */
  FORBIDDEN,
  /** The API server kept failing or could not be reached. */
  API_ERROR,
  /** An object with the unit's name exists but was not created by this run. */
  NAME_CONFLICT,
  /** The unit's Job was deleted by someone else before it finished. */
  VANISHED,
  /** The run was interrupted before the unit finished. */
  INTERRUPTED,
  /**
   * The pod's backup command exited non-zero, or exited 0 having written nothing; the outcome's
   * {@link Outcome#command()} has its exit code and standard error. Nothing was kept.
   */
  COMMAND_FAILED,
  /**
   * The backup command could not be run: no such pod or container, the runtime could not start
   * it, or the connection broke before its exit status arrived. Nothing was kept.
   */
  EXEC_FAILED,
  /** The sink receiving the command's output (restic, by default) failed; nothing was kept. */
  SINK_FAILED,
  /** The restore completed; the outcome's details name the snapshot restored. */
  RESTORED,
  /** The restore pod ran and failed: a wrong password, an unreachable repository, a full volume… */
  RESTORE_FAILED,
  /** The repository holds no backup of the claim, or none with the snapshot id or at or before the time asked for. */
  NO_BACKUP
}
