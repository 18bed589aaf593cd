package io.k8up.core.restore;

import io.k8up.core.plan.DecisionReason;

/**
 * Why a restore decision was taken: a stable code that goes with the decision's sentence. The
 * placement reasons are those of backups ({@link DecisionReason}), since restores are placed by the
 * same rules.
 */
public enum RestoreReason {
  /** RESTORE: the volume is ReadWriteMany, so a restore pod on any node can mount it. */
  SHARED_ACCESS(true),
  /** RESTORE (with the in-use option only): a pod mounts the claim; the restore runs on its node. */
  MOUNTING_POD(true),
  /**
   * RESTORE (with the in-use option only): a pod holds the ReadWriteOncePod claim; the restore runs
   * in an ephemeral container of that pod.
   */
  HELD_BY_POD(true),
  /** RESTORE: no pod mounts the claim; the PersistentVolume's nodeAffinity places the restore. */
  PV_NODE_AFFINITY(true),
  /** RESTORE: no pod mounts the claim; the {@code k8up.io/hostname} annotation places the restore. */
  HOSTNAME_ANNOTATION(true),
  /** RESTORE: a node rule other than the built-in ones placed the restore. */
  NODE_RULE(true),
  /**
   * RESTORE: the target claim waits for its first consumer (a StorageClass with {@code
   * volumeBindingMode: WaitForFirstConsumer}); the restore pod is that consumer, and the scheduler
   * places it.
   */
  FIRST_CONSUMER(true),
  /**
   * RESTORE: the target claim ({@code --to}) does not exist; it is created from the backed-up
   * claim's storage class, size and access modes, and the scheduler places the restore pod.
   */
  NEW_CLAIM(true),
  /** SKIP: an earlier request of the same plan already restores into the same target claim. */
  DUPLICATE_TARGET(false),
  /** FAIL: the claim to restore into (or, for a new one, to copy the spec of) does not exist. */
  CLAIM_NOT_FOUND(false),
  /** FAIL: a running or starting pod mounts the target claim, and the in-use option was not given. */
  IN_USE(false),
  /** FAIL: the target claim is not Bound, and the restore pod cannot bind it. */
  NOT_BOUND(false),
  /** FAIL: the target claim is bound to a PersistentVolume that the snapshot does not hold. */
  VOLUME_NOT_FOUND(false),
  /** FAIL: the target claim is ReadOnlyMany only, so no pod can write to it. */
  READ_ONLY(false),
  /** FAIL: a new target claim cannot be created, since the backed-up claim does not say its size or access modes. */
  SOURCE_SPEC_UNKNOWN(false),
  /** FAIL: pods on two or more nodes mount the ReadWriteOnce target claim. */
  AMBIGUOUS_NODE(false),
  /** FAIL: a {@code k8up.io/…} annotation of the target claim has a value the library cannot use. */
  INVALID_ANNOTATION(false),
  /**
   * FAIL: a pod that mounts the target claim backs it up with its own command
   * ({@code k8up.io/backupcommand}), so there is no file backup of it to restore.
   */
  BACKUP_COMMAND(false),
  /** FAIL: nothing says reliably which node can mount the target claim. */
  NO_NODE(false),
  /**
   * FAIL: the target is a ReadWriteOncePod claim held by a pod, reachable only through an ephemeral
   * container, and the cluster does not serve ephemeral containers (Kubernetes before 1.25).
   */
  NO_EPHEMERAL_CONTAINERS(false),
  /** FAIL: the pod holding the ReadWriteOncePod target claim is not Running, so no container can be added to it. */
  HOLDER_NOT_RUNNING(false);

  private final boolean restores;

  RestoreReason(boolean restores) {
    this.restores = restores;
  }

  /** Whether a decision with this reason restores; every other reason skips or fails. */
  public boolean restores() {
    return restores;
  }
}
