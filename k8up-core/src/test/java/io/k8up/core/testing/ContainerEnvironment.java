package io.k8up.core.testing;

import com.google.common.collect.ImmutableMap;
import io.kubernetes.client.openapi.models.V1EnvFromSource;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1SecretKeySelector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container's environment as the kubelet builds it: first every key of each {@code envFrom}
 * Secret, then {@code env} in order, each value expanded against the variables before it, later
 * ones overriding earlier ones. Values written in the spec have their container paths rewritten
 * to host paths; values from Secrets are taken as they are.
 */
final class ContainerEnvironment {

  private final Map<String, ImmutableMap<String, String>> secrets;
  private final ContainerPaths paths;

  /** @param secrets the Secrets of the pod's namespace: name to key to value */
  ContainerEnvironment(Map<String, ImmutableMap<String, String>> secrets, ContainerPaths paths) {
    this.secrets = secrets;
    this.paths = paths;
  }

  /**
   * The environment of a container with these {@code envFrom} and {@code env} lists.
   *
   * @throws IllegalArgumentException if a non-optional Secret or key is missing, or a source other
   *     than a Secret is used
   */
  ImmutableMap<String, String> resolve(List<V1EnvFromSource> envFrom, List<V1EnvVar> env) {
    Map<String, String> variables = new LinkedHashMap<>();
    for (V1EnvFromSource source : envFrom) {
      if (source.getSecretRef() == null) {
        throw new IllegalArgumentException("envFrom " + source + ": only secretRef is modelled on the host");
      }
      String name = source.getSecretRef().getName();
      Optional<ImmutableMap<String, String>> secret =
          secret(name, Boolean.TRUE.equals(source.getSecretRef().getOptional()));
      String prefix = source.getPrefix() == null ? "" : source.getPrefix();
      secret.ifPresent(data -> data.forEach((key, value) -> variables.put(prefix + key, value)));
    }
    for (V1EnvVar variable : env) {
      if (variable.getValueFrom() == null) {
        String value = variable.getValue() == null ? "" : variable.getValue();
        variables.put(variable.getName(), KubernetesVariables.expand(paths.rewrite(value), variables));
        continue;
      }
      V1SecretKeySelector selector = variable.getValueFrom().getSecretKeyRef();
      if (selector == null) {
        throw new IllegalArgumentException("env " + variable.getName()
            + ": only values and secretKeyRef are modelled on the host, not " + variable.getValueFrom());
      }
      secretValue(variable.getName(), selector).ifPresent(value -> variables.put(variable.getName(), value));
    }
    return ImmutableMap.copyOf(variables);
  }

  private Optional<String> secretValue(String variable, V1SecretKeySelector selector) {
    boolean optional = Boolean.TRUE.equals(selector.getOptional());
    Optional<ImmutableMap<String, String>> secret = secret(selector.getName(), optional);
    if (secret.isEmpty()) {
      return Optional.empty();
    }
    String value = secret.get().get(selector.getKey());
    if (value == null && !optional) {
      throw new IllegalArgumentException("env " + variable + " references key '" + selector.getKey()
          + "' of Secret '" + selector.getName() + "', which has only " + secret.get().keySet()
          + ": the pod would not start (CreateContainerConfigError)");
    }
    return Optional.ofNullable(value);
  }

  private Optional<ImmutableMap<String, String>> secret(String name, boolean optional) {
    ImmutableMap<String, String> secret = secrets.get(name);
    if (secret == null && !optional) {
      throw new IllegalArgumentException("the container references Secret '" + name
          + "', which the test did not give (the pod would not start: CreateContainerConfigError); "
          + "give it with HostPodRunner.Builder.secret");
    }
    return Optional.ofNullable(secret);
  }
}
