package io.k8up.core.model;

import static com.google.common.base.Preconditions.checkState;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * A node's taint, copied verbatim from Kubernetes: pods that do not tolerate it are kept off the
 * node ({@code NoSchedule}), evicted from it ({@code NoExecute}), or placed there only as a last
 * resort ({@code PreferNoSchedule}).
 */
@Value.Immutable
public abstract class Taint {

  /** The taint key, e.g. {@code dedicated}; never empty. */
  public abstract String key();

  /** The taint value; empty when the taint has none. */
  public abstract Optional<String> value();

  /** {@code NoSchedule}, {@code PreferNoSchedule} or {@code NoExecute}, as written; never empty. */
  public abstract String effect();

  @Value.Check
  void check() {
    checkState(!key().isEmpty(), "a taint's key is empty");
    checkState(!effect().isEmpty(), "a taint's effect is empty");
  }

  public static ImmutableTaint.Builder builder() {
    return ImmutableTaint.builder();
  }
}
