package io.k8up.core.spi;

/** Why a step failed, as a readiness check tells it; the run reports it as the outcome's reason. */
public enum StepFailure {
  /** The backup tool ran and failed. */
  BACKUP_FAILED,
  /** A point-in-time copy of the volume could not be taken. */
  SNAPSHOT_FAILED,
  /** The backup container cannot start, and will not by waiting. */
  TOOL_NOT_STARTED,
  /** An object of the step was deleted by someone else before it finished. */
  VANISHED,
  /** An object of the step's name exists but is not the run's own. */
  NAME_CONFLICT,
  /** The restore tool ran and failed; nothing or part of the backup was restored. */
  RESTORE_FAILED,
  /** The repository holds no backup of the claim, or none with the id or time asked for. */
  NO_BACKUP
}
