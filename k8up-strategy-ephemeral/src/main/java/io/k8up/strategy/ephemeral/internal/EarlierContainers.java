package io.k8up.strategy.ephemeral.internal;

import io.k8up.core.model.Pod;

/** The library's ephemeral containers that earlier runs left in a pod, where they stay for good. */
final class EarlierContainers {

  /**
   * How {@link io.k8up.core.run.RunObjects#name} begins every name it gives, and so every
   * ephemeral container this strategy adds.
   */
  static final String PREFIX = "k8up-rwo-";

  private EarlierContainers() {}

  /** How many ephemeral containers of {@code pod} the library added. */
  static int count(Pod pod) {
    return (int) pod.ephemeralContainerNames().stream().filter(name -> name.startsWith(PREFIX)).count();
  }
}
