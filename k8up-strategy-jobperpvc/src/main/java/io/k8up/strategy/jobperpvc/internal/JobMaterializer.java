package io.k8up.strategy.jobperpvc.internal;

import com.google.common.collect.ImmutableList;
import io.k8up.core.model.Pod;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.RunContext;
import io.k8up.core.spi.RunObjects;
import io.k8up.core.spi.Workflow;
import io.k8up.core.spi.support.BackupIdentity;
import io.k8up.core.spi.support.BackupJobs;
import io.k8up.core.spi.support.JobSteps;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1PodSpec;
import java.util.function.UnaryOperator;

/**
 * Turns a unit into the one step that backs it up, a Job: the shared {@link BackupJobs} shape, pinned where
 * the unit's placement says and running as the pods that mount its claims. Pure: equal units and
 * contexts give equal Jobs. Internal; only the strategy calls it.
 */
public final class JobMaterializer {

  private JobMaterializer() {}

  /**
   * The workflow of the Job named {@link RunObjects#name} that backs {@code unit} up.
   *
   * @throws IllegalArgumentException if a resource amount of the tool is not a Kubernetes quantity
   */
  public static Workflow workflow(BackupUnit unit, RunContext context) {
    ImmutableList<Pod> mountingPods = MountingPods.of(unit, context.snapshot());
    BackupIdentity identity = BackupIdentity.of(context.tool(), mountingPods);
    V1PodSpec spec = BackupJobs.podSpec(unit, context, identity, UnaryOperator.identity());
    NodePinning.apply(unit.placement(), mountingPods, context.snapshot(), spec);
    V1Job job = BackupJobs.job(unit, context, spec);
    return Workflow.of(JobSteps.backup(job, context.runId()));
  }
}
