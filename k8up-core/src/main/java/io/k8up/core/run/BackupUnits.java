package io.k8up.core.run;

import com.google.common.collect.ImmutableList;
import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.Placement;
import io.k8up.core.plan.Action;
import io.k8up.core.plan.BackupPlan;
import io.k8up.core.plan.Decision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Gathers the claim backups of a plan into units of work. */
public final class BackupUnits {

  private BackupUnits() {}

  /**
   * The units that back up the plan's claims with their chosen strategies, in the plan's order.
   * Claim backups without a strategy are left out; the executor reports them.
   */
  public static ImmutableList<BackupUnit> of(BackupPlan plan, Grouping grouping) {
    return of(plan.decisions(Action.BACKUP), grouping);
  }

  /** The units for these decisions; see {@link #of(BackupPlan, Grouping)}. */
  public static ImmutableList<BackupUnit> of(List<Decision> decisions, Grouping grouping) {
    Map<Object, List<ClaimTarget>> groups = new LinkedHashMap<>();
    Map<Object, String> strategies = new LinkedHashMap<>();
    for (Decision decision : decisions) {
      if (decision.claimTarget().isEmpty() || decision.strategy().isEmpty()) {
        continue;
      }
      ClaimTarget target = decision.claimTarget().get();
      String strategy = decision.strategy().get();
      Object key = grouping == Grouping.PER_NODE && pinsNode(target.placement())
          ? List.of(target.namespace(), strategy, target.placement())
          : List.of(target.namespace(), target.name());
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(target);
      strategies.put(key, strategy);
    }
    ImmutableList.Builder<BackupUnit> units = ImmutableList.builder();
    groups.forEach((key, targets) -> units.add(BackupUnit.of(strategies.get(key), targets)));
    return units.build();
  }

  private static boolean pinsNode(Placement placement) {
    return placement.type() != Placement.Type.ANY && !placement.samePodOnly();
  }
}
