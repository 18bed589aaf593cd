package io.k8up.strategy.ephemeral;

import io.k8up.core.model.AccessMode;
import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.Placement;
import io.k8up.core.model.Pod;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.RunContext;
import io.k8up.core.spi.RunId;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.VolumeAccessStrategy;
import io.k8up.core.testing.Fixtures;
import io.kubernetes.client.openapi.models.V1EphemeralContainer;
import java.util.List;

/** Claims, pods, units and contexts, and the containers the strategy makes of them, for this module's tests. */
final class EphemeralFixtures {

  static final RunId RUN = RunId.of("nightly-1");
  static final String NODE = "node-a";
  static final VolumeAccessStrategy STRATEGY = new EphemeralContainerStrategyProvider().create();

  private EphemeralFixtures() {}

  /**
   * A claim of {@link Fixtures#NAMESPACE} held by {@code pods} on {@link #NODE}; ReadWriteOncePod
   * (and so {@code samePodOnly}) if {@code samePodOnly}, else ReadWriteOnce.
   */
  static ClaimTarget heldClaim(String claim, boolean samePodOnly, String... pods) {
    return target(claim, Placement.onPodNode(NODE, samePodOnly), pods);
  }

  static ClaimTarget target(String claim, Placement placement, String... pods) {
    return ClaimTarget.builder()
        .namespace(Fixtures.NAMESPACE)
        .name(claim)
        .volumeName("pv-" + claim)
        .addAccessModes(placement.samePodOnly() ? AccessMode.READ_WRITE_ONCE_POD : AccessMode.READ_WRITE_ONCE)
        .placement(placement)
        .addMountingPods(pods)
        .build();
  }

  static BackupUnit unit(ClaimTarget... targets) {
    return BackupUnit.of(EphemeralContainerStrategyProvider.ID, List.of(targets));
  }

  static ClusterSnapshot snapshot(Pod... pods) {
    return ClusterSnapshot.of(List.of(), List.of(), List.of(pods));
  }

  /** A run of the restic tool, whose repository settings are in the Secret {@code repo}. */
  static RunContext context(Pod... pods) {
    return context(BackupToolSpec.restic("repo").build(), pods);
  }

  static RunContext context(BackupToolSpec tool, Pod... pods) {
    return RunContext.of(RUN, tool, snapshot(pods));
  }

  static PlannedContainer materialize(BackupUnit unit, RunContext context) {
    return PlannedContainer.of(STRATEGY.workflow(unit, context));
  }

  static V1EphemeralContainer container(BackupUnit unit, RunContext context) {
    return materialize(unit, context).container();
  }
}
