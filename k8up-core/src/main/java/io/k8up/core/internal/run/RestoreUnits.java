package io.k8up.core.internal.run;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import io.k8up.core.model.AccessMode;
import io.k8up.core.model.Claim;
import io.k8up.core.model.ClaimTarget;
import io.k8up.core.restore.NewClaim;
import io.k8up.core.restore.RestoreMethod;
import io.k8up.core.restore.RestoreTarget;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.RunContext;
import io.k8up.core.spi.VolumeAccessStrategy;
import io.k8up.core.spi.Workflow;
import java.util.List;
import java.util.Optional;

/**
 * Which strategy restores a target, and the engine's unit for it: the first of the run's strategies,
 * in their order, whose {@link VolumeAccessStrategy#restoreWorkflow} gives a workflow.
 */
public final class RestoreUnits {

  /** The unit of a target, the strategy that restores it, and its workflow. */
  public record Chosen(BackupUnit unit, VolumeAccessStrategy strategy, Workflow workflow) {}

  private RestoreUnits() {}

  /**
   * The first strategy that restores {@code target}, in {@code context}; empty when none does.
   *
   * @throws RuntimeException what a strategy threw building its workflow, naming it
   */
  public static Optional<Chosen> choose(RestoreTarget target, List<? extends VolumeAccessStrategy> strategies,
      RunContext context) {
    for (VolumeAccessStrategy strategy : strategies) {
      BackupUnit unit = unit(target, strategy.id(), context);
      Optional<Workflow> workflow;
      try {
        workflow = strategy.restoreWorkflow(target, unit, context);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("strategy " + strategy.id() + " could not build the restore's objects: "
            + e.getMessage(), e);
      }
      if (workflow != null && workflow.isPresent()) {
        return Optional.of(new Chosen(unit, strategy, workflow.get()));
      }
    }
    return Optional.empty();
  }

  /** What no strategy of the run restoring {@code target} means to the user. */
  public static String noStrategy(RestoreTarget target, List<? extends VolumeAccessStrategy> strategies) {
    return "none of the strategies " + strategies.stream().map(VolumeAccessStrategy::id).toList() + " restores "
        + "claim " + target.targetClaim() + " " + (target.method() == RestoreMethod.JOB
            ? "through a Job: add job-per-pvc" : "through an ephemeral container: add ephemeral-container")
        + " to the strategy order";
  }

  /** The engine's unit that restores {@code target} with strategy {@code strategyId}, first attempt. */
  static BackupUnit unit(RestoreTarget target, String strategyId, RunContext context) {
    Optional<Claim> claim = context.snapshot().claim(target.namespace(), target.targetClaim());
    String volume = claim.flatMap(Claim::volumeName).orElse("");
    ImmutableSet<AccessMode> modes = claim.map(Claim::accessModes)
        .or(() -> target.newClaim().map(NewClaim::accessModes)).map(ImmutableSet::copyOf).orElse(ImmutableSet.of());
    return BackupUnit.of(strategyId, ImmutableList.of(ClaimTarget.of(target.namespace(), target.targetClaim(), volume,
        modes, target.placement(), target.mountingPods())));
  }
}
