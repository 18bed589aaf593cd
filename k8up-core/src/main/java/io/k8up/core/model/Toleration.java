package io.k8up.core.model;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * A pod's toleration of node taints, copied verbatim from Kubernetes so that a backup pod can be
 * given exactly what the application pod on the same node needed to be scheduled there.
 */
@Value.Immutable
public abstract class Toleration {

  /** The taint key; empty with operator {@code Exists} tolerates every taint. */
  public abstract Optional<String> key();

  /** {@code Equal} (the default) or {@code Exists}. */
  public abstract Optional<String> operator();

  public abstract Optional<String> value();

  /** {@code NoSchedule}, {@code PreferNoSchedule} or {@code NoExecute}; empty matches all. */
  public abstract Optional<String> effect();

  /** For {@code NoExecute}: how long the pod stays bound after the taint appears. */
  public abstract Optional<Long> tolerationSeconds();

  public static ImmutableToleration.Builder builder() {
    return ImmutableToleration.builder();
  }
}
