package io.k8up.core.run;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.k8up.core.internal.run.RestoreUnits;
import io.k8up.core.plan.Subject;
import io.k8up.core.restore.RestoreDecision;
import io.k8up.core.restore.RestorePlan;
import io.k8up.core.restore.RestoreAction;
import io.k8up.core.restore.RestoreTarget;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.RunContext;
import io.k8up.core.spi.RunId;
import io.k8up.core.spi.VolumeAccessStrategy;
import io.k8up.core.spi.support.RestoreJobs;
import io.kubernetes.client.common.KubernetesObject;
import java.util.List;
import java.util.Optional;

/** The objects a restore run would create, without a cluster: what {@link RestoreExecutor} sends, for review. */
public final class RestoreManifests {

  private RestoreManifests() {}

  /**
   * For each RESTORE decision of {@code plan}, in its order: the claim the restore creates, if it
   * does, then what the first of {@code strategies} that restores it would create and patch
   * ({@link io.k8up.core.spi.Workflow#manifests()}). A decision no strategy restores, or whose
   * strategy throws, is in {@link MaterializedPlan#failures()}, as a run reports it.
   */
  public static MaterializedPlan of(RestorePlan plan, ClusterSnapshot snapshot,
      List<? extends VolumeAccessStrategy> strategies, RunId runId, BackupToolSpec tool) {
    checkNotNull(plan, "plan");
    RunContext context = RunContext.of(runId, tool, snapshot);
    ImmutableList.Builder<KubernetesObject> objects = ImmutableList.builder();
    ImmutableMap.Builder<Subject, String> failures = ImmutableMap.builder();
    for (RestoreDecision decision : plan.decisions(RestoreAction.RESTORE)) {
      RestoreTarget target = decision.target().orElseThrow();
      Optional<RestoreUnits.Chosen> chosen;
      try {
        chosen = RestoreUnits.choose(target, strategies, context);
      } catch (IllegalArgumentException e) {
        failures.put(decision.subject(), e.getMessage());
        continue;
      }
      if (chosen.isEmpty()) {
        failures.put(decision.subject(), RestoreUnits.noStrategy(target, strategies));
        continue;
      }
      RestoreJobs.newClaim(target, tool).ifPresent(objects::add);
      objects.addAll(chosen.get().workflow().manifests());
    }
    return MaterializedPlan.of(objects.build(), failures.build());
  }
}
