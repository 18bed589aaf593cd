package io.k8up.core.restore;

/** How the restore reaches the target claim's volume. */
public enum RestoreMethod {
  /** A Job whose pod mounts the claim read-write, placed as the decision's placement says. */
  JOB,
  /**
   * An ephemeral container added to the pod that holds a ReadWriteOncePod claim, mounting the pod's
   * own volume read-write: no second pod can mount such a claim.
   */
  EPHEMERAL_CONTAINER
}
