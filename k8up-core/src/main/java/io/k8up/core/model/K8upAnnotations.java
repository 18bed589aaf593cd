package io.k8up.core.model;

/**
 * The annotations and labels the library reads and writes. Their values and what a bad value does
 * are documented in {@code docs/annotations.md}.
 */
public final class K8upAnnotations {

  /** On a claim: {@code "false"} skips it, {@code "true"} includes it in opt-in mode. */
  public static final String BACKUP = "k8up.io/backup";

  /** On a claim that no pod mounts: the {@code kubernetes.io/hostname} of the node to back it up on. */
  public static final String HOSTNAME = "k8up.io/hostname";

  /**
   * On a claim: the id of the volume-access strategy to back it up with, such as {@code
   * ephemeral-container}; only that strategy is asked. An id the planner does not know fails the
   * claim.
   */
  public static final String VOLUME_ACCESS = "k8up.io/volume-access";

  /** On a pod: a shell command whose standard output is the backup. */
  public static final String BACKUP_COMMAND = "k8up.io/backupcommand";

  /** On a pod: the container to run the backup command in; default the first container. */
  public static final String BACKUP_COMMAND_CONTAINER = "k8up.io/backupcommand-container";

  /** On a pod: the file extension of the backup command's output, e.g. {@code .sql}. */
  public static final String FILE_EXTENSION = "k8up.io/file-extension";

  /** The label Kubernetes convention uses to name the tool that manages an object. */
  public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";

  /**
   * The value of {@link #MANAGED_BY_LABEL} on every object this library creates; pods carrying it
   * are never taken for application pods.
   */
  public static final String MANAGED_BY_VALUE = "k8up-rwo";

  /** On a VolumeSnapshotClass: {@code "true"} makes it the class the library uses for its driver. */
  public static final String SNAPSHOT_CLASS = "k8up.io/is-snapshot-class";

  /** On an object a run created (a VolumeSnapshot, say): {@code "true"} keeps it from ever being deleted by the library. */
  public static final String KEEP_LABEL = "k8up.io/keep";

  /** The label naming the run that created an object. */
  public static final String RUN_ID_LABEL = "k8up.io/run-id";

  /** The label naming the unit of work, within its run, that an object belongs to. */
  public static final String UNIT_LABEL = "k8up.io/unit";

  /** The label giving which attempt of its unit an object belongs to, from 1. */
  public static final String ATTEMPT_LABEL = "k8up.io/attempt";

  /** The annotation listing the claims, comma-separated, that an object backs up. */
  public static final String CLAIMS_ANNOTATION = "k8up.io/claims";

  /** The node label that {@link #HOSTNAME} refers to. */
  public static final String HOSTNAME_LABEL = "kubernetes.io/hostname";

  private K8upAnnotations() {}
}
