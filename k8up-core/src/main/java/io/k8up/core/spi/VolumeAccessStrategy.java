package io.k8up.core.spi;

import com.google.common.collect.ImmutableList;
import java.util.Optional;
import io.k8up.core.model.ClaimTarget;
import io.k8up.core.restore.RestoreTarget;
import io.k8up.core.snapshot.ClusterSnapshot;

/**
 * A way to reach a claim's volume for a backup.
 *
 * <p>Implementations must be thread-safe and their methods pure: no API calls, no clock, no
 * randomness, so that a plan and its manifests depend only on the snapshot and the run. The planner calls them through a guard
 * that turns an exception or a {@code null} into an unsupported answer naming the strategy.
 */
public interface VolumeAccessStrategy {

  /** A stable identifier, such as {@code job-per-pvc}, used in strategy orders and plans. */
  String id();

  /**
   * Whether this strategy can back up {@code target} on the cluster {@code snapshot} describes;
   * when not, the answer carries a sentence saying why, which the plan shows to the user.
   */
  Support supports(ClaimTarget target, ClusterSnapshot snapshot);

  /**
   * Whether this strategy needs to know a node that can mount the volume. Default {@code true}. A
   * strategy that answers {@code false} (a CSI snapshot, say) is offered claims whose node could
   * not be determined, with an {@link io.k8up.core.model.Placement#anywhere() anywhere} placement.
   */
  default boolean requiresNode() {
    return true;
  }

  /**
   * Which claims this strategy backs up together, given the grouping a run asks for. Default:
   * {@link UnitScope#CLAIM} for {@link Grouping#PER_CLAIM}, {@link UnitScope#NODE} for {@link
   * Grouping#PER_NODE}. A strategy that works inside a pod answers {@link UnitScope#POD}.
   */
  default UnitScope unitScope(Grouping grouping) {
    return grouping == Grouping.PER_NODE ? UnitScope.NODE : UnitScope.CLAIM;
  }

  /**
   * The kinds of object this strategy's workflows create, in creation order: the engine creates
   * only objects of these kinds, and {@code sweep} looks for leftovers of them. Default {@link
   * ResourceType#JOB}.
   */
  default ImmutableList<ResourceType> createdKinds() {
    return ImmutableList.of(ResourceType.JOB);
  }

  /**
   * The steps that back {@code unit} up. Pure, like {@link #supports}: the same unit and context
   * give equal objects, so dry runs print what a run creates.
   *
   * @throws IllegalArgumentException if the unit holds a claim this strategy does not support
   */
  Workflow workflow(BackupUnit unit, RunContext context);

  /**
   * The steps that restore {@code target}, or empty when this strategy cannot restore it: the
   * default, for a strategy that only backs up. The engine runs them as it runs a backup's, as
   * {@code unit}: the restore's unit of the run, whose {@link RunObjects#name name} and {@link
   * RunObjects#labels labels} everything the steps create must carry (a Job's pod template too), so
   * that the run finds, adopts and deletes it. Pure, like {@link #workflow}; objects the steps
   * create are of {@link #createdKinds()}. {@link io.k8up.core.spi.support.RestoreJobs} and {@link
   * io.k8up.core.spi.support.RestoreSteps} build them.
   *
   * @throws IllegalArgumentException if the target names something the snapshot lacks
   */
  default Optional<Workflow> restoreWorkflow(RestoreTarget target, BackupUnit unit, RunContext context) {
    return Optional.empty();
  }
}
