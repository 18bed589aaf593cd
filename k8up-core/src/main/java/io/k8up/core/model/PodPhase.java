package io.k8up.core.model;

import java.util.Locale;

/** The phase of a pod ({@code status.phase}). */
public enum PodPhase {
  PENDING,
  RUNNING,
  SUCCEEDED,
  FAILED,
  /** No phase reported, or one Kubernetes does not define. */
  UNKNOWN;

  /** Whether the pod's containers have all ended for good. */
  public boolean isTerminated() {
    return this == SUCCEEDED || this == FAILED;
  }

  /** The phase as Kubernetes writes it, e.g. {@code Bound}; {@code Unknown} for {@link #UNKNOWN}. */
  public String kubernetesName() {
    return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
  }

  /** The phase named {@code phase} as Kubernetes writes it ({@code Running}), else {@link #UNKNOWN}. */
  public static PodPhase fromKubernetesName(String phase) {
    if (phase == null) {
      return UNKNOWN;
    }
    switch (phase) {
      case "Pending":
        return PENDING;
      case "Running":
        return RUNNING;
      case "Succeeded":
        return SUCCEEDED;
      case "Failed":
        return FAILED;
      default:
        return UNKNOWN;
    }
  }
}
