package io.k8up.core.spi;

import org.immutables.value.Value;

/** An environment variable whose value is one key of a Secret; the value is never read here. */
@Value.Immutable
public abstract class SecretEnv {

  @Value.Parameter
  public abstract String name();

  @Value.Parameter
  public abstract String secretName();

  @Value.Parameter
  public abstract String key();

  /** The variable {@code name}, set from key {@code key} of Secret {@code secretName}. */
  public static SecretEnv of(String name, String secretName, String key) {
    return ImmutableSecretEnv.of(name, secretName, key);
  }
}
