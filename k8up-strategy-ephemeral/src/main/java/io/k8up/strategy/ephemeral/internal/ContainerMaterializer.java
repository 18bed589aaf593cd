package io.k8up.strategy.ephemeral.internal;

import static com.google.common.base.Preconditions.checkArgument;

import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.Pod;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.RunContext;
import io.k8up.core.spi.Workflow;
import io.k8up.core.spi.support.BackupIdentity;
import io.k8up.core.spi.support.ToolContainer;
import java.util.List;
import java.util.Optional;

/**
 * Turns a unit into the one ephemeral container that backs it up, in the pod that holds its
 * claims. Pure: equal units and contexts give equal containers. Internal; only the strategy calls
 * it.
 */
public final class ContainerMaterializer {

  private ContainerMaterializer() {}

  /**
   * The workflow that adds the ephemeral container named {@link io.k8up.core.spi.RunObjects#name} to add to the pod that
   * the plan names first as mounting the unit's claims.
   *
   * @throws IllegalArgumentException if the unit's claims are not all held first by one pod of the
   *     context's snapshot, with a volume for each of them
   */
  public static Workflow workflow(BackupUnit unit, RunContext context) {
    ClaimTarget first = unit.targets().get(0);
    String podName = HoldingPods.name(first).orElseThrow(() -> new IllegalArgumentException(
        "claim " + unit.namespace() + "/" + first.name() + " is not held by a pod on its node"));
    for (ClaimTarget target : unit.targets()) {
      checkArgument(HoldingPods.name(target).equals(Optional.of(podName)),
          "a unit of this strategy is the claims of one pod, but %s/%s is held by %s and %s by %s",
          unit.namespace(), first.name(), podName, target.name(), HoldingPods.name(target).orElse("no pod"));
    }
    Pod pod = HoldingPods.find(first, podName, context.snapshot()).orElseThrow(() -> new IllegalArgumentException(
        "pod " + unit.namespace() + "/" + podName + " is not in the snapshot the unit was planned from"));
    // The pod is the application that wrote the files: the backup runs as it where it says who that is.
    BackupIdentity identity = BackupIdentity.of(context.tool(), List.of(pod));
    return EphemeralWorkflow.of(
        unit.namespace(), pod.name(), ToolContainer.ephemeralContainer(unit, context, pod, identity));
  }
}
