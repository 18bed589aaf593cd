package io.k8up.strategy.ephemeral.internal;

import io.k8up.core.model.Pod;
import io.k8up.core.spi.RunObjects;

/** The library's ephemeral containers that earlier runs left in a pod, where they stay for good. */
final class EarlierContainers {

  private EarlierContainers() {}

  /** How many ephemeral containers of {@code pod} the library added. */
  static int count(Pod pod) {
    return (int) pod.ephemeralContainerNames().stream().filter(name -> name.startsWith(RunObjects.PREFIX)).count();
  }
}
