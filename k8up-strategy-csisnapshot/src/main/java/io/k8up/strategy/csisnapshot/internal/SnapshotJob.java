package io.k8up.strategy.csisnapshot.internal;

import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.RunContext;
import io.k8up.core.spi.support.BackupIdentity;
import io.k8up.core.spi.support.BackupJobs;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1PodSpec;

/**
 * The backup Job of a snapshotted claim: the shared backup Job, placed anywhere, its claim volume
 * pointing at the temporary claim.
 */
final class SnapshotJob {

  private SnapshotJob() {}

  /**
   * The {@link BackupJobs} Job for the unit's claim, with the claim's volume naming {@code
   * temporaryClaim}. Nothing pins it to a node, whatever the claim's placement: the scheduler
   * follows the restored volume's topology. It runs as the tool's user, since no pod mounts the
   * restored volume. The mount path and the tool's arguments stay those of the original claim,
   * {@code /data/<claim>}, so the backup looks as if it were taken from the claim itself.
   */
  static V1Job of(BackupUnit unit, RunContext context, String temporaryClaim) {
    V1PodSpec spec = BackupJobs.podSpec(unit, context, BackupIdentity.ofTool(context.tool()), claim -> temporaryClaim);
    return BackupJobs.job(unit, context, spec);
  }
}
