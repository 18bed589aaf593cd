package io.k8up.core.spi;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Optional;
import org.immutables.value.Value;

/** A strategy's answer to "can you back this claim up here?", with the reason when it cannot. */
@Value.Immutable
public abstract class Support {

  private static final Support SUPPORTED = ImmutableSupport.builder().build();

  /** Why not, as a sentence for a user; empty when supported. */
  public abstract Optional<String> reason();

  /** Whether the strategy can back the claim up. */
  public boolean isSupported() {
    return reason().isEmpty();
  }

  /** The strategy can back the claim up. */
  public static Support supported() {
    return SUPPORTED;
  }

  /**
   * The strategy cannot back the claim up, because of {@code reason}.
   *
   * @throws IllegalArgumentException if {@code reason} is blank
   */
  public static Support unsupported(String reason) {
    checkArgument(!reason.isBlank(), "a reason is required");
    return ImmutableSupport.builder().reason(reason).build();
  }
}
