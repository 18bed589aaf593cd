package io.k8up.core.run;

import com.google.common.collect.ImmutableList;
import io.k8up.core.plan.BackupPlan;
import io.k8up.core.plan.BackupPlanner;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.VolumeAccessStrategy;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.util.Yaml;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The objects a run of a plan would create, without a cluster: for review, or for other tools. */
public final class Manifests {

  private Manifests() {}

  /**
   * The objects each unit of {@code plan} would create, unit by unit in the plan's order.
   *
   * @throws IllegalArgumentException if a strategy cannot materialize one of its units
   */
  public static ImmutableList<KubernetesObject> of(BackupPlan plan, ClusterSnapshot snapshot,
      BackupPlanner planner, RunId runId, BackupToolSpec tool, Grouping grouping) {
    Map<String, VolumeAccessStrategy> strategies = planner.strategies().stream()
        .collect(Collectors.toMap(VolumeAccessStrategy::id, Function.identity()));
    RunContext context = RunContext.of(runId, tool, snapshot);
    ImmutableList.Builder<KubernetesObject> objects = ImmutableList.builder();
    for (BackupUnit unit : BackupUnits.of(plan, grouping)) {
      objects.addAll(strategies.get(unit.strategyId()).materialize(unit, context).objects());
    }
    return objects.build();
  }

  /** {@code objects} as multi-document YAML, as {@code kubectl apply -f -} reads it. */
  public static String toYaml(ImmutableList<KubernetesObject> objects) {
    return Yaml.dumpAll(objects.iterator());
  }
}
