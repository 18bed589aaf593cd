package io.k8up.core.run;

import io.k8up.core.spi.BackupToolSpec;

import io.k8up.core.spi.Grouping;

import io.k8up.core.spi.RunId;

import io.k8up.core.spi.RunContext;

import io.k8up.core.spi.BackupUnit;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.k8up.core.plan.BackupPlan;
import io.k8up.core.plan.BackupPlanner;
import io.k8up.core.plan.Subject;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.Workflow;
import io.k8up.core.spi.VolumeAccessStrategy;
import io.kubernetes.client.common.KubernetesObject;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.ToNumberPolicy;
import io.k8up.core.kube.WireForm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The objects a run of a plan would create, without a cluster: for review, or for other tools. */
public final class Manifests {

  private Manifests() {}

  /**
   * The objects each unit of {@code plan} would create, and the patches it would apply, unit by
   * unit and step by step in the plan's order ({@link Workflow#manifests()}). A
   * strategy that throws, or returns nothing, for a unit fails that unit's claims in {@link
   * MaterializedPlan#failures()}, as a run reports them, and the other units are still built.
   */
  public static MaterializedPlan of(BackupPlan plan, ClusterSnapshot snapshot,
      BackupPlanner planner, RunId runId, BackupToolSpec tool, Grouping grouping) {
    Map<String, VolumeAccessStrategy> strategies = planner.strategies().stream()
        .collect(Collectors.toMap(VolumeAccessStrategy::id, Function.identity()));
    RunContext context = RunContext.of(runId, tool, snapshot);
    ImmutableList.Builder<KubernetesObject> objects = ImmutableList.builder();
    ImmutableMap.Builder<Subject, String> failures = ImmutableMap.builder();
    for (BackupUnit unit : BackupUnits.of(plan, grouping, planner.strategies())) {
      try {
        // Plug-in code: a throw or a null is this unit's failure, never the whole call's.
        Workflow workflow = strategies.get(unit.strategyId()).workflow(unit, context);
        objects.addAll(checkNotNull(workflow, "it returned nothing").manifests());
      } catch (RuntimeException e) {
        String why = "strategy " + unit.strategyId() + " could not build the backup's objects: " + e.getMessage();
        unit.targets().forEach(target -> failures.put(Subject.claim(target.namespace(), target.name()), why));
      }
    }
    return MaterializedPlan.of(objects.build(), failures.build());
  }

  /**
   * {@code objects} as multi-document YAML, as {@code kubectl apply -f -} reads it: what the
   * executor would send, field for field.
   */
  public static String toYaml(List<KubernetesObject> objects) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    Yaml yaml = new Yaml(options);
    Gson gson = new GsonBuilder().setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE).create();
    List<Object> documents = new ArrayList<>();
    for (KubernetesObject object : objects) {
      documents.add(gson.fromJson(WireForm.of(object), LinkedHashMap.class));
    }
    return yaml.dumpAll(documents.iterator());
  }
}
