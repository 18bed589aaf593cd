package io.k8up.core.plan;

/** What a decision does with its claim or pod. */
public enum Action {
  /** Back it up. */
  BACKUP,
  /** Leave it out on purpose; not an error. */
  SKIP,
  /** It should be backed up but cannot be: the run must report a failure. */
  FAIL
}
