package io.k8up.core.spi;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.base.Strings;

/**
 * A kind of Kubernetes object as the API serves it: its group, version and kind, and the plural
 * resource name its URLs and RBAC rules use. Plurals are declared, never guessed from the kind.
 *
 * @param group the API group, empty for the core group
 * @param version the version, such as {@code v1}
 * @param kind the kind, such as {@code Job}
 * @param plural the resource, such as {@code jobs}
 */
public record ResourceType(String group, String version, String kind, String plural) {

  /** {@code batch/v1} Jobs. */
  public static final ResourceType JOB = new ResourceType("batch", "v1", "Job", "jobs");
  /** Core Pods. */
  public static final ResourceType POD = new ResourceType("", "v1", "Pod", "pods");
  /** Core PersistentVolumeClaims. */
  public static final ResourceType PERSISTENT_VOLUME_CLAIM =
      new ResourceType("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims");
  /** Core PersistentVolumes, cluster-scoped. */
  public static final ResourceType PERSISTENT_VOLUME =
      new ResourceType("", "v1", "PersistentVolume", "persistentvolumes");
  /** Core Nodes, cluster-scoped. */
  public static final ResourceType NODE = new ResourceType("", "v1", "Node", "nodes");
  /** Core Events. */
  public static final ResourceType EVENT = new ResourceType("", "v1", "Event", "events");
  /** {@code snapshot.storage.k8s.io/v1} VolumeSnapshots. */
  public static final ResourceType VOLUME_SNAPSHOT =
      new ResourceType("snapshot.storage.k8s.io", "v1", "VolumeSnapshot", "volumesnapshots");
  /** {@code snapshot.storage.k8s.io/v1} VolumeSnapshotClasses, cluster-scoped. */
  public static final ResourceType VOLUME_SNAPSHOT_CLASS =
      new ResourceType("snapshot.storage.k8s.io", "v1", "VolumeSnapshotClass", "volumesnapshotclasses");

  /**
   * A resource type.
   *
   * @throws IllegalArgumentException if the version, kind or plural is empty
   */
  public ResourceType {
    checkArgument(group != null, "group is empty for the core group, never null");
    checkArgument(!Strings.isNullOrEmpty(version) && !Strings.isNullOrEmpty(kind) && !Strings.isNullOrEmpty(plural),
        "a resource type needs a version, a kind and a plural");
  }

  /** The apiVersion objects of this type carry, such as {@code batch/v1} or {@code v1}. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** How RBAC names it: {@code jobs.batch}, or {@code pods} for the core group. */
  @Override
  public String toString() {
    return group.isEmpty() ? plural : plural + "." + group;
  }
}
