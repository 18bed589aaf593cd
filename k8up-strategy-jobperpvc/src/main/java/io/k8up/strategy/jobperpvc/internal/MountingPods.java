package io.k8up.strategy.jobperpvc.internal;

import com.google.common.collect.ImmutableList;
import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.Placement;
import io.k8up.core.model.Pod;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.snapshot.ClusterSnapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The application pods whose node a unit runs on: what they needed there, the backup pod needs. */
final class MountingPods {

  private MountingPods() {}

  /**
   * The pods the plan named as mounting the unit's claims, each once, in the order the plan named
   * them, claim by claim; empty unless the placement is {@link Placement.Type#POD_NODE}. A named pod
   * the snapshot lacks is left out: it has nothing to copy.
   */
  static ImmutableList<Pod> of(BackupUnit unit, ClusterSnapshot snapshot) {
    if (unit.placement().type() != Placement.Type.POD_NODE) {
      return ImmutableList.of();
    }
    // A unit's claims share one namespace, so a name identifies a pod.
    Map<String, Pod> byName = new LinkedHashMap<>();
    for (ClaimTarget target : unit.targets()) {
      List<Pod> mounting = snapshot.podsMounting(target.namespace(), target.name());
      for (String name : target.mountingPods()) {
        if (!byName.containsKey(name)) {
          mounting.stream()
              .filter(pod -> pod.name().equals(name))
              .findFirst()
              .ifPresent(pod -> byName.put(name, pod));
        }
      }
    }
    return ImmutableList.copyOf(byName.values());
  }
}
