package io.k8up.strategy.ephemeral;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.k8up.core.model.ClaimTarget;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.Grouping;
import io.k8up.core.spi.RunContext;
import io.k8up.core.snapshot.ClusterSnapshot;
import com.google.common.collect.ImmutableList;
import io.k8up.core.spi.ResourceType;
import io.k8up.core.spi.Workflow;
import io.k8up.core.restore.RestoreMethod;
import io.k8up.core.restore.RestoreTarget;
import io.k8up.core.spi.support.RestoreJobs;
import io.k8up.core.spi.support.RestoreSteps;
import java.util.Optional;
import io.k8up.core.spi.Support;
import io.k8up.core.spi.UnitScope;
import io.k8up.core.spi.VolumeAccessStrategy;
import io.k8up.strategy.ephemeral.internal.ClaimSupport;
import io.k8up.strategy.ephemeral.internal.ContainerMaterializer;

/**
 * Backs claims up from inside the pod that holds them, with an ephemeral container that mounts
 * the pod's own volumes read-only. The only strategy that reaches a ReadWriteOncePod volume a
 * running pod holds; any other claim a running pod mounts can be backed up this way too. Immutable,
 * thread-safe and pure.
 */
final class EphemeralContainerStrategy implements VolumeAccessStrategy {

  private final int maxContainersPerPod;

  EphemeralContainerStrategy(int maxContainersPerPod) {
    this.maxContainersPerPod = maxContainersPerPod;
  }

  @Override
  public String id() {
    return EphemeralContainerStrategyProvider.ID;
  }

  /**
   * Supported when the first pod the plan names as mounting the claim is in the snapshot, active,
   * has a volume for the claim and holds fewer than the limit of the library's ephemeral containers.
   */
  @Override
  public Support supports(ClaimTarget target, ClusterSnapshot snapshot) {
    checkNotNull(target, "target");
    checkNotNull(snapshot, "snapshot");
    return ClaimSupport.of(target, snapshot, maxContainersPerPod);
  }

  /** Always {@code true}: only a claim that a pod mounts on a known node has a pod to enter. */
  @Override
  public boolean requiresNode() {
    return true;
  }

  /**
   * Always {@link UnitScope#POD}, whatever the grouping: each unit adds a container to the pod for
   * good, so one container backs up all the claims of its pod.
   */
  @Override
  public UnitScope unitScope(Grouping grouping) {
    checkNotNull(grouping, "grouping");
    return UnitScope.POD;
  }

  /** None: the strategy patches the application's pod, and creates nothing. */
  @Override
  public ImmutableList<ResourceType> createdKinds() {
    return ImmutableList.of();
  }

  /**
   * One step, one ephemeral container added to the unit's pod; see {@code docs/strategies/ephemeral-container.md}.
   *
   * @throws IllegalArgumentException if a claim of the unit is not supported in the context's
   *     snapshot, or the unit's claims are held by different pods
   */
  @Override
  public Workflow workflow(BackupUnit unit, RunContext context) {
    checkNotNull(unit, "unit");
    checkNotNull(context, "context");
    for (ClaimTarget target : unit.targets()) {
      Support support = ClaimSupport.of(target, context.snapshot(), maxContainersPerPod);
      checkArgument(support.isSupported(), "%s", support.reason().orElse(""));
    }
    return ContainerMaterializer.workflow(unit, context);
  }

  /**
   * One step, one ephemeral container added to the pod that holds the target claim, mounting the
   * pod's own volume read-write, for a restore {@link RestoreMethod#EPHEMERAL_CONTAINER through an
   * ephemeral container}; empty for one through a Job.
   *
   * @throws IllegalArgumentException if the context's snapshot lacks the pod, or its volume of the claim
   */
  @Override
  public Optional<Workflow> restoreWorkflow(RestoreTarget target, BackupUnit unit, RunContext context) {
    checkNotNull(target, "target");
    checkNotNull(context, "context");
    if (target.method() != RestoreMethod.EPHEMERAL_CONTAINER) {
      return Optional.empty();
    }
    return Optional.of(Workflow.of(RestoreSteps.ephemeralContainer(target.namespace(),
        target.holdingPod().orElseThrow(), RestoreJobs.ephemeralContainer(target, unit, context))));
  }

  @Override
  public String toString() {
    return id() + " (at most " + maxContainersPerPod + " containers per pod)";
  }
}
