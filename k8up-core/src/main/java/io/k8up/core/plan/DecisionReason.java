package io.k8up.core.plan;

/**
 * Why a decision was taken: a stable, machine-readable code that goes with the decision's sentence.
 * {@code docs/troubleshooting.md} says what to do about each.
 */
public enum DecisionReason {
  /** SKIP: the claim is annotated {@code k8up.io/backup: "false"}. */
  OPTED_OUT,
  /** SKIP: opt-in mode is on and the claim has no {@code k8up.io/backup} annotation. */
  NOT_OPTED_IN,
  /** FAIL: a {@code k8up.io/…} annotation has a value the library cannot use. */
  INVALID_ANNOTATION,
  /** SKIP: the claim is not Bound, so there are no files to back up. */
  NOT_BOUND,
  /** FAIL: the claim is bound to a PersistentVolume that the snapshot does not hold. */
  VOLUME_NOT_FOUND,
  /** BACKUP: the volume is ReadWriteMany or ReadOnlyMany, so any node can mount it. */
  SHARED_ACCESS,
  /** BACKUP: a pod mounts the claim; the backup runs on that pod's node. */
  MOUNTING_POD,
  /**
   * SKIP for a claim: a pod that mounts it has a backup command, which backs it up instead. BACKUP
   * for a pod: its backup command is run.
   */
  BACKUP_COMMAND,
  /** SKIP: another pod of the same controller runs the same backup command. */
  SAME_OWNER,
  /** FAIL: pods on two or more nodes mount the ReadWriteOnce claim. */
  AMBIGUOUS_NODE,
  /** BACKUP: no pod mounts the claim; the PersistentVolume's nodeAffinity places the backup. */
  PV_NODE_AFFINITY,
  /** BACKUP: no pod mounts the claim; the {@code k8up.io/hostname} annotation places the backup. */
  HOSTNAME_ANNOTATION,
  /** FAIL: nothing says reliably which node can mount the claim. */
  NO_NODE,
  /**
   * BACKUP: nothing says which node can mount the claim, but a strategy that needs no node — a
   * CSI snapshot of the volume, restored to a new one — supports it.
   */
  SNAPSHOT,
  /** FAIL: strategies are installed, but none of them supports the claim. */
  NO_STRATEGY
}
