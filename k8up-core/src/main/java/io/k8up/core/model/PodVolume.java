package io.k8up.core.model;

import org.immutables.value.Value;

/**
 * A volume of a pod that is backed by a PersistentVolumeClaim: a {@code persistentVolumeClaim}
 * volume, or a generic ephemeral volume, whose claim Kubernetes names {@code <pod>-<volume>}.
 */
@Value.Immutable
public abstract class PodVolume {

  /** The volume's name in the pod spec, which may differ from the claim's name. */
  @Value.Parameter
  public abstract String name();

  /** The name of the claim in the pod's namespace. */
  @Value.Parameter
  public abstract String claimName();

  public static PodVolume of(String name, String claimName) {
    return ImmutablePodVolume.of(name, claimName);
  }
}
