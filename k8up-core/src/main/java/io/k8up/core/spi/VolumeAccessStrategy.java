package io.k8up.core.spi;

import io.k8up.core.model.ClaimTarget;
import io.k8up.core.snapshot.ClusterSnapshot;

/**
 * A way to reach a claim's volume for a backup.
 *
 * <p>Implementations must be thread-safe and their methods pure: no API calls, no clock, no
 * randomness, so that a plan depends only on its snapshot. The planner calls them through a guard
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
}
