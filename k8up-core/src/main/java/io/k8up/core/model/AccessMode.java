package io.k8up.core.model;

import java.util.Optional;

/** The access modes of a PersistentVolumeClaim, as Kubernetes names them. */
public enum AccessMode {
  READ_WRITE_ONCE("ReadWriteOnce"),
  READ_ONLY_MANY("ReadOnlyMany"),
  READ_WRITE_MANY("ReadWriteMany"),
  READ_WRITE_ONCE_POD("ReadWriteOncePod");

  private final String kubernetesName;

  AccessMode(String kubernetesName) {
    this.kubernetesName = kubernetesName;
  }

  /** The name Kubernetes uses, e.g. {@code ReadWriteOnce}. */
  public String kubernetesName() {
    return kubernetesName;
  }

  /** Whether pods on several nodes may mount a volume of this mode at once. */
  public boolean isShared() {
    return this == READ_ONLY_MANY || this == READ_WRITE_MANY;
  }

  /**
   * The mode Kubernetes calls {@code name}, or empty for a name Kubernetes does not define.
   *
   * @throws NullPointerException if {@code name} is null
   */
  public static Optional<AccessMode> fromKubernetesName(String name) {
    for (AccessMode mode : values()) {
      if (mode.kubernetesName.equals(name)) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }
}
