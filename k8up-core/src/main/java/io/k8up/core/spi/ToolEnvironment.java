package io.k8up.core.spi;

import com.google.common.collect.ImmutableList;
import io.kubernetes.client.openapi.models.V1EnvFromSource;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1EnvVarSource;
import io.kubernetes.client.openapi.models.V1SecretEnvSource;
import io.kubernetes.client.openapi.models.V1SecretKeySelector;

/**
 * The environment of a backup tool's container, for strategies that build one: Secrets are
 * referenced by name and key, never read.
 */
public final class ToolEnvironment {

  private ToolEnvironment() {}

  /**
   * The container's {@code env}: the plain variables in the order the tool's author wrote them, so
   * that a {@code $(VAR)} reference resolves as intended; then those set from Secrets.
   */
  public static ImmutableList<V1EnvVar> env(BackupToolSpec tool) {
    ImmutableList.Builder<V1EnvVar> env = ImmutableList.builder();
    tool.env().forEach((name, value) -> env.add(new V1EnvVar().name(name).value(value)));
    for (SecretEnv secret : tool.secretEnv()) {
      env.add(new V1EnvVar()
          .name(secret.name())
          .valueFrom(new V1EnvVarSource()
              .secretKeyRef(new V1SecretKeySelector().name(secret.secretName()).key(secret.key()))));
    }
    return env.build();
  }

  /** The container's {@code envFrom}: every key of each of the tool's Secrets. */
  public static ImmutableList<V1EnvFromSource> envFrom(BackupToolSpec tool) {
    return tool.envFromSecrets().stream()
        .map(secret -> new V1EnvFromSource().secretRef(new V1SecretEnvSource().name(secret)))
        .collect(ImmutableList.toImmutableList());
  }
}
