package io.k8up.core.restore;

import io.k8up.core.plan.DecisionReason;

/**
 * Why a restore decision was taken: a stable code that goes with the decision's sentence. The
 * placement reasons are those of backups ({@link DecisionReason}), since restores are placed by the
 * same rules.
 */
public enum RestoreReason {
  /** RESTORE: the volume is ReadWriteMany, so a restore pod on any node can mount it. */
  SHARED_ACCESS,
  /** RESTORE (with the in-use option only): a pod mounts the claim; the restore runs on its node. */
  MOUNTING_POD,
  /**
   * RESTORE (with the in-use option only): a pod holds the ReadWriteOncePod claim; the restore runs
   * in an ephemeral container of that pod.
   */
  HELD_BY_POD,
  /** RESTORE: no pod mounts the claim; the PersistentVolume's nodeAffinity places the restore. */
  PV_NODE_AFFINITY,
  /** RESTORE: no pod mounts the claim; the {@code k8up.io/hostname} annotation places the restore. */
  HOSTNAME_ANNOTATION,
  /** RESTORE: a node rule other than the built-in ones placed the restore. */
  NODE_RULE,
  /**
   * RESTORE: the target claim waits for its first consumer (a StorageClass with {@code
   * volumeBindingMode: WaitForFirstConsumer}); the restore pod is that consumer, and the scheduler
   * places it.
   */
  FIRST_CONSUMER,
  /**
   * RESTORE: the target claim ({@code --to}) does not exist; it is created from the backed-up
   * claim's storage class, size and access modes, and the scheduler places the restore pod.
   */
  NEW_CLAIM,
  /** SKIP: an earlier request of the same plan already restores into the same target claim. */
  DUPLICATE_TARGET,
  /** FAIL: the claim to restore into (or, for a new one, to copy the spec of) does not exist. */
  CLAIM_NOT_FOUND,
  /** FAIL: a running or starting pod mounts the target claim, and the in-use option was not given. */
  IN_USE,
  /** FAIL: the target claim is not Bound, and the restore pod cannot bind it. */
  NOT_BOUND,
  /** FAIL: the target claim is bound to a PersistentVolume that the snapshot does not hold. */
  VOLUME_NOT_FOUND,
  /** FAIL: the target claim is ReadOnlyMany only, so no pod can write to it. */
  READ_ONLY,
  /** FAIL: a new target claim cannot be created, since the backed-up claim does not say its size or access modes. */
  SOURCE_SPEC_UNKNOWN,
  /** FAIL: pods on two or more nodes mount the ReadWriteOnce target claim. */
  AMBIGUOUS_NODE,
  /** FAIL: a {@code k8up.io/…} annotation of the target claim has a value the library cannot use. */
  INVALID_ANNOTATION,
  /**
   * FAIL: a pod that mounts the target claim backs it up with its own command
   * ({@code k8up.io/backupcommand}), so there is no file backup of it to restore.
   */
  BACKUP_COMMAND,
  /** FAIL: nothing says reliably which node can mount the target claim. */
  NO_NODE,
  /**
   * FAIL: the target is a ReadWriteOncePod claim held by a pod, reachable only through an ephemeral
   * container, and the cluster does not serve ephemeral containers (Kubernetes before 1.25).
   */
  NO_EPHEMERAL_CONTAINERS,
  /** FAIL: the pod holding the ReadWriteOncePod target claim is not Running, so no container can be added to it. */
  HOLDER_NOT_RUNNING;

  /** Whether a decision with this reason restores. */
  public boolean restores() {
    return ordinal() <= NEW_CLAIM.ordinal();
  }
}
