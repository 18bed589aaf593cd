package io.k8up.strategy.jobperpvc.internal;

import com.google.common.collect.ImmutableList;
import io.k8up.core.model.Pod;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.RunContext;
import io.k8up.core.spi.RunObjects;
import io.k8up.core.spi.Materialization;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1JobSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Turns a unit into the one Job that backs it up. Pure: equal units and contexts give equal Jobs.
 * Internal; only the strategy calls it.
 */
public final class JobMaterializer {

  /** A safety net: should the executor die before cleaning up, Kubernetes deletes the Job a day later. */
  private static final int TTL_AFTER_FINISHED_SECONDS = 86_400;

  private JobMaterializer() {}

  /**
   * The Job named {@link RunObjects#name} that backs {@code unit} up.
   *
   * @throws IllegalArgumentException if a resource amount of the tool is not a Kubernetes quantity
   */
  public static Materialization materialize(BackupUnit unit, RunContext context) {
    return materialize(unit, context, UnaryOperator.identity());
  }

  /**
   * As {@link #materialize(BackupUnit, RunContext)}, but each claim's volume is the claim {@code
   * volumeClaim} names for it, such as a claim restored from its snapshot; mount paths and the
   * tool's arguments stay those of the unit's own claims.
   */
  public static Materialization materialize(BackupUnit unit, RunContext context, UnaryOperator<String> volumeClaim) {
    String name = RunObjects.name(context.runId(), unit);
    V1Job job = new V1Job()
        .apiVersion("batch/v1")
        .kind("Job")
        .metadata(metadata(unit, context).name(name).namespace(unit.namespace()))
        .spec(new V1JobSpec()
            // The executor retries, after re-planning a stale placement; the Job must not on its own.
            .backoffLimit(0)
            .ttlSecondsAfterFinished(TTL_AFTER_FINISHED_SECONDS)
            .template(new V1PodTemplateSpec()
                .metadata(metadata(unit, context))
                .spec(podSpec(unit, context, volumeClaim))));
    return Materialization.of(List.of(job), name);
  }

  private static V1ObjectMeta metadata(BackupUnit unit, RunContext context) {
    return new V1ObjectMeta()
        .labels(RunObjects.labels(context.runId(), unit, context.tool()))
        .annotations(RunObjects.annotations(unit, context.tool()));
  }

  private static V1PodSpec podSpec(BackupUnit unit, RunContext context, UnaryOperator<String> volumeClaim) {
    BackupToolSpec tool = context.tool();
    ImmutableList<Pod> mountingPods = MountingPods.of(unit, context.snapshot());
    BackupIdentity identity = BackupIdentity.of(tool, mountingPods);
    V1PodSpec spec = new V1PodSpec()
        .restartPolicy("Never")
        // The tool talks to its repository, never to the API server or the namespace's services.
        .automountServiceAccountToken(false)
        .enableServiceLinks(false)
        .serviceAccountName(tool.serviceAccountName().orElse(null))
        .securityContext(SecurityContexts.pod(identity))
        .containers(List.of(ToolContainer.of(unit, context, identity)))
        .volumes(PodVolumes.volumes(unit, volumeClaim));
    NodePinning.apply(unit.placement(), mountingPods, context.snapshot(), spec);
    return spec;
  }
}
