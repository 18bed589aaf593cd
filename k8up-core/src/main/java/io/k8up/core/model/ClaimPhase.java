package io.k8up.core.model;

import java.util.Locale;

/** The phase of a PersistentVolumeClaim ({@code status.phase}). */
public enum ClaimPhase {
  PENDING,
  BOUND,
  LOST,
  /** No phase reported, or one Kubernetes does not define. */
  UNKNOWN;

  /** The phase as Kubernetes writes it, e.g. {@code Bound}; {@code Unknown} for {@link #UNKNOWN}. */
  public String kubernetesName() {
    return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
  }

  /** The phase named {@code phase} as Kubernetes writes it ({@code Bound}), else {@link #UNKNOWN}. */
  public static ClaimPhase fromKubernetesName(String phase) {
    if (phase == null) {
      return UNKNOWN;
    }
    switch (phase) {
      case "Pending":
        return PENDING;
      case "Bound":
        return BOUND;
      case "Lost":
        return LOST;
      default:
        return UNKNOWN;
    }
  }
}
