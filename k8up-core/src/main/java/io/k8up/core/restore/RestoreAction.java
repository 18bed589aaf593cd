package io.k8up.core.restore;

/** What a restore decision does with the claim asked for. */
public enum RestoreAction {
  /** Restore the backup into the target claim. */
  RESTORE,
  /** Leave it out on purpose; not an error. */
  SKIP,
  /** The restore was asked for but cannot be done: the run must report a failure. */
  FAIL
}
