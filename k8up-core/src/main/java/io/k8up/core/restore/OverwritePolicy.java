package io.k8up.core.restore;

/**
 * What a restore does with a file that is both in the backup and already in the target claim.
 * Files in the target that the backup does not hold are never deleted, whatever the policy.
 */
public enum OverwritePolicy {
  /**
   * The backup's version replaces the file in the target: the claim's backed-up files come back as
   * they were. The default, and restic's own default; restore into a new claim ({@code --to}) to
   * keep the current files untouched.
   */
  OVERWRITE,
  /**
   * A file already in the target is kept as it is; only files missing from the target are
   * restored. Needs restic 0.17 or later in the restore image ({@code --overwrite never}).
   */
  KEEP_EXISTING
}
