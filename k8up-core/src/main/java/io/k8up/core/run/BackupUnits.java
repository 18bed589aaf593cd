package io.k8up.core.run;

import io.k8up.core.spi.Grouping;

import io.k8up.core.spi.BackupUnit;

import com.google.common.collect.ImmutableList;
import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.Placement;
import io.k8up.core.plan.Action;
import io.k8up.core.plan.BackupPlan;
import io.k8up.core.plan.Decision;
import io.k8up.core.spi.UnitScope;
import io.k8up.core.spi.VolumeAccessStrategy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Gathers the claim backups of a plan into units of work, as their strategies scope them. */
public final class BackupUnits {

  private BackupUnits() {}

  /**
   * The units that back up the plan's claims with their chosen strategies, in the plan's order.
   * Claim backups without a strategy are left out; the executor reports them.
   *
   * @param strategies the strategies the plan chose from, which say how they gather claims
   */
  public static ImmutableList<BackupUnit> of(
      BackupPlan plan, Grouping grouping, Collection<? extends VolumeAccessStrategy> strategies) {
    return of(plan.decisions(Action.BACKUP), grouping, strategies);
  }

  /** The units for these decisions; see {@link #of(BackupPlan, Grouping, Collection)}. */
  public static ImmutableList<BackupUnit> of(
      List<Decision> decisions, Grouping grouping, Collection<? extends VolumeAccessStrategy> strategies) {
    Map<String, UnitScope> scopes = new HashMap<>();
    strategies.forEach(strategy -> scopes.put(strategy.id(), strategy.unitScope(grouping)));
    Map<Object, List<ClaimTarget>> groups = new LinkedHashMap<>();
    Map<Object, String> strategyOfGroup = new LinkedHashMap<>();
    for (Decision decision : decisions) {
      if (decision.claimTarget().isEmpty() || decision.strategy().isEmpty()) {
        continue;
      }
      ClaimTarget target = decision.claimTarget().get();
      String strategy = decision.strategy().get();
      Object key = key(target, strategy, scopes.getOrDefault(strategy, UnitScope.CLAIM));
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(target);
      strategyOfGroup.put(key, strategy);
    }
    ImmutableList.Builder<BackupUnit> units = ImmutableList.builder();
    groups.forEach((key, targets) -> units.add(BackupUnit.of(strategyOfGroup.get(key), targets)));
    return units.build();
  }

  private static Object key(ClaimTarget target, String strategy, UnitScope scope) {
    Placement placement = target.placement();
    if (scope == UnitScope.POD && !target.mountingPods().isEmpty()) {
      return List.of(target.namespace(), strategy, placement, target.mountingPods().get(0));
    }
    if (scope == UnitScope.NODE && placement.type() != Placement.Type.ANY && !placement.samePodOnly()) {
      return List.of(target.namespace(), strategy, placement);
    }
    return List.of(target.namespace(), target.name());
  }
}
