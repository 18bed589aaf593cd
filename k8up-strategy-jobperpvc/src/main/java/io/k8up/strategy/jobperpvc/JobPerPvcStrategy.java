package io.k8up.strategy.jobperpvc;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.k8up.core.model.ClaimTarget;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.RunContext;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.Workflow;
import io.k8up.core.spi.Support;
import io.k8up.core.spi.VolumeAccessStrategy;
import io.k8up.strategy.jobperpvc.internal.JobMaterializer;
import io.k8up.strategy.jobperpvc.internal.RestoreJobMaterializer;
import io.k8up.core.restore.RestoreMethod;
import io.k8up.core.restore.RestoreTarget;
import java.util.Optional;

/**
 * Backs claims up with a Job that mounts them read-only, on the node their placement names.
 * Reaches every claim a second pod can mount: all but a ReadWriteOncePod volume that a running pod
 * holds. Stateless, thread-safe and pure.
 */
final class JobPerPvcStrategy implements VolumeAccessStrategy {

  @Override
  public String id() {
    return JobPerPvcStrategyProvider.ID;
  }

  @Override
  public Support supports(ClaimTarget target, ClusterSnapshot snapshot) {
    checkNotNull(target, "target");
    checkNotNull(snapshot, "snapshot");
    if (target.placement().samePodOnly()) {
      return Support.unsupported(refusal(target));
    }
    return Support.supported();
  }

  /** Always {@code true}: a Job's pod mounts the volume, so it must run where the volume can be. */
  @Override
  public boolean requiresNode() {
    return true;
  }

  /**
   * One step, one Job for the unit; see {@code docs/strategies/job-per-pvc.md}.
   *
   * @throws IllegalArgumentException if the unit's claims are held by a ReadWriteOncePod pod, or a
   *     resource amount of the tool is not a Kubernetes quantity
   */
  @Override
  public Workflow workflow(BackupUnit unit, RunContext context) {
    checkNotNull(unit, "unit");
    checkNotNull(context, "context");
    checkArgument(!unit.placement().samePodOnly(), "%s", refusal(unit.targets().get(0)));
    return JobMaterializer.workflow(unit, context);
  }

  /**
   * One step, one Job that mounts the target claim read-write where its placement says, for a
   * restore {@link RestoreMethod#JOB through a Job}; empty for one through an ephemeral container.
   * The pod tolerates the taints of a node the placement pins, as a backup's does.
   */
  @Override
  public Optional<Workflow> restoreWorkflow(RestoreTarget target, BackupUnit unit, RunContext context) {
    checkNotNull(target, "target");
    checkNotNull(context, "context");
    return target.method() == RestoreMethod.JOB
        ? Optional.of(RestoreJobMaterializer.workflow(target, unit, context)) : Optional.empty();
  }

  private static String refusal(ClaimTarget target) {
    String holder = target.mountingPods().isEmpty()
        ? "a running pod" : "pod " + String.join(", ", target.mountingPods());
    return "the ReadWriteOncePod volume of claim " + target.namespace() + "/" + target.name()
        + " is held by " + holder + " and no second pod can mount it: back it up with the"
        + " ephemeral-container strategy, which reaches it from inside that pod, or stop the pod";
  }
}
