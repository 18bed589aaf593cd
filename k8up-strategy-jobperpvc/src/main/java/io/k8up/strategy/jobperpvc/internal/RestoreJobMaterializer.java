package io.k8up.strategy.jobperpvc.internal;

import io.k8up.core.restore.RestoreTarget;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.RunContext;
import io.k8up.core.spi.Workflow;
import io.k8up.core.spi.support.RestoreJobs;
import io.k8up.core.spi.support.RestoreSteps;

/** The restore Job of a target claim, as the core's {@link RestoreJobs} shapes it, pinned as backups are. */
public final class RestoreJobMaterializer {

  private RestoreJobMaterializer() {}

  /** The one-step workflow of the Job that restores {@code target} as {@code unit}. */
  public static Workflow workflow(RestoreTarget target, BackupUnit unit, RunContext context) {
    return Workflow.of(RestoreSteps.job(RestoreJobs.job(target, unit, context,
        NodePinning.pinnedNodeTolerations(target.placement(), context.snapshot())), context.runId()));
  }
}
