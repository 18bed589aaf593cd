package io.k8up.core.model;

import com.google.common.collect.ImmutableMap;
import org.immutables.value.Value;

/** What the planner reads of a VolumeSnapshotClass ({@code snapshot.storage.k8s.io/v1}). */
@Value.Immutable
public abstract class SnapshotClass {

  /** The annotation Kubernetes uses to mark a driver's default class. */
  public static final String DEFAULT_CLASS_ANNOTATION = "snapshot.storage.kubernetes.io/is-default-class";

  public abstract String name();

  /** The CSI driver whose volumes the class snapshots ({@code driver}). */
  public abstract String driver();

  public abstract ImmutableMap<String, String> annotations();

  /** Whether the class is marked its driver's default. */
  public boolean isDefault() {
    return "true".equals(annotations().get(DEFAULT_CLASS_ANNOTATION));
  }

  public static ImmutableSnapshotClass.Builder builder() {
    return ImmutableSnapshotClass.builder();
  }
}
