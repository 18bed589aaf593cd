package io.k8up.core.internal.run;

import com.google.common.collect.ImmutableList;
import io.k8up.core.model.ClaimTarget;
import io.k8up.core.restore.RestoreTarget;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.Grouping;
import io.k8up.core.spi.ResourceType;
import io.k8up.core.spi.RunContext;
import io.k8up.core.spi.Support;
import io.k8up.core.spi.UnitScope;
import io.k8up.core.spi.VolumeAccessStrategy;
import io.k8up.core.spi.Workflow;
import java.util.Map;

/**
 * A strategy as a restore run's engine sees it: the workflow of a unit is the strategy's restore
 * workflow of the target the unit stands for. Targets are looked up by unit id, which stays the same
 * from one attempt to the next; a re-plan puts the fresh target in its place.
 */
final class RestoringStrategy implements VolumeAccessStrategy {

  private final VolumeAccessStrategy strategy;
  private final Map<String, RestoreTarget> targets;

  RestoringStrategy(VolumeAccessStrategy strategy, Map<String, RestoreTarget> targets) {
    this.strategy = strategy;
    this.targets = targets;
  }

  @Override
  public String id() {
    return strategy.id();
  }

  /** Never asked: a restore's strategy is chosen by its restore workflow, not by backup support. */
  @Override
  public Support supports(ClaimTarget target, ClusterSnapshot snapshot) {
    return Support.unsupported("a restore run plans no backups");
  }

  /** One target claim per unit: each restore is its own Job or container. */
  @Override
  public UnitScope unitScope(Grouping grouping) {
    return UnitScope.CLAIM;
  }

  @Override
  public ImmutableList<ResourceType> createdKinds() {
    return strategy.createdKinds();
  }

  @Override
  public Workflow workflow(BackupUnit unit, RunContext context) {
    RestoreTarget target = targets.get(unit.id());
    if (target == null) {
      throw new IllegalStateException("no restore target for unit " + unit.id());
    }
    return strategy.restoreWorkflow(target, unit, context).orElseThrow(() -> new IllegalArgumentException(
        "strategy " + strategy.id() + " does not restore claim " + target.targetClaim() + " by " + target.method()));
  }
}
