package io.k8up.strategy.csisnapshot.internal;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.MoreCollectors;
import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.Placement;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.RunContext;
import io.k8up.strategy.jobperpvc.internal.JobMaterializer;
import io.kubernetes.client.openapi.models.V1Job;

/**
 * The backup Job of a snapshotted claim: job-per-pvc's Job for the claim, placed anywhere, its claim
 * volume pointing at the temporary claim.
 */
final class SnapshotJob {

  private SnapshotJob() {}

  /**
   * job-per-pvc's Job for the unit's claim as if it could go anywhere, so that nothing pins it to a
   * node (the scheduler follows the restored volume's topology) and it runs as the tool's user (no
   * pod mounts the restored volume), with the claim's volume naming {@code temporaryClaim}. The
   * mount path and the tool's arguments stay those of the original claim, {@code /data/<claim>}, so
   * the backup looks as if it were taken from the claim itself.
   */
  static V1Job of(BackupUnit unit, RunContext context, String temporaryClaim) {
    ClaimTarget anywhere = ClaimTarget.builder()
        .from(unit.targets().get(0))
        .placement(Placement.anywhere())
        .mountingPods(ImmutableList.of())
        .build();
    BackupUnit unpinned = BackupUnit.of(unit.strategyId(), ImmutableList.of(anywhere)).withAttempt(unit.attempt());
    return JobMaterializer.materialize(unpinned, context, claim -> temporaryClaim).manifests().stream()
        .filter(V1Job.class::isInstance)
        .map(V1Job.class::cast)
        .collect(MoreCollectors.onlyElement());
  }
}
