package io.k8up.core.spi.support;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.RunContext;
import io.k8up.core.spi.RunObjects;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1JobSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import java.util.function.UnaryOperator;

/**
 * The Job that backs a unit up, in the one shape every strategy gives it: named {@link
 * RunObjects#name}, labelled and annotated for the run and the unit (its pod too, so cleanup by
 * label finds both), never retried by Kubernetes, deleted by Kubernetes a day after it ends should
 * the executor not have. A strategy takes {@link #podSpec}, adds placement, and wraps it with
 * {@link #job}.
 */
public final class BackupJobs {

  /** A safety net: should the executor die before cleaning up, Kubernetes deletes the Job a day later. */
  public static final int TTL_AFTER_FINISHED_SECONDS = 86_400;

  private BackupJobs() {}

  /**
   * The backup pod's spec, placed nowhere: the tool's container ({@link ToolContainer#container})
   * running as {@code identity}, the unit's claims as {@link PodVolumes#volumes} with each volume
   * the claim {@code volumeClaim} names for it, the tool's service account, no service account
   * token, no service links, never restarted. Each call returns a new, mutable object for the
   * caller to place.
   *
   * @throws IllegalArgumentException if a resource amount of the tool is not a Kubernetes quantity
   */
  public static V1PodSpec podSpec(
      BackupUnit unit, RunContext context, BackupIdentity identity, UnaryOperator<String> volumeClaim) {
    checkNotNull(unit, "unit");
    checkNotNull(context, "context");
    BackupToolSpec tool = context.tool();
    return new V1PodSpec()
        .restartPolicy("Never")
        // The tool talks to its repository, never to the API server or the namespace's services.
        .automountServiceAccountToken(false)
        .enableServiceLinks(false)
        .serviceAccountName(tool.serviceAccountName().orElse(null))
        .securityContext(SecurityContexts.pod(identity))
        .containers(ImmutableList.of(ToolContainer.container(unit, context, identity)))
        .volumes(PodVolumes.volumes(unit, volumeClaim));
  }

  /** The Job in {@code unit}'s namespace that runs {@code podSpec} once for the unit. */
  public static V1Job job(BackupUnit unit, RunContext context, V1PodSpec podSpec) {
    checkNotNull(unit, "unit");
    checkNotNull(context, "context");
    checkNotNull(podSpec, "podSpec");
    return new V1Job()
        .apiVersion("batch/v1")
        .kind("Job")
        .metadata(metadata(unit, context).name(RunObjects.name(context.runId(), unit)).namespace(unit.namespace()))
        .spec(new V1JobSpec()
            // The executor retries, after re-planning a stale placement; the Job must not on its own.
            .backoffLimit(0)
            .ttlSecondsAfterFinished(TTL_AFTER_FINISHED_SECONDS)
            .template(new V1PodTemplateSpec()
                .metadata(metadata(unit, context))
                .spec(podSpec)));
  }

  private static V1ObjectMeta metadata(BackupUnit unit, RunContext context) {
    return new V1ObjectMeta()
        .labels(RunObjects.labels(context.runId(), unit, context.tool()))
        .annotations(RunObjects.annotations(unit, context.tool()));
  }
}
