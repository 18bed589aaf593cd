package io.k8up.strategy.jobperpvc;

import io.k8up.core.model.AccessMode;
import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.Node;
import io.k8up.core.model.Placement;
import io.k8up.core.model.Pod;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.RunContext;
import io.k8up.core.spi.RunId;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.VolumeAccessStrategy;
import io.k8up.core.testing.Fixtures;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1PodSpec;
import java.util.List;

/** Units, contexts and the Jobs the strategy makes of them, for this module's tests. */
final class JobFixtures {

  static final RunId RUN = RunId.of("nightly-1");
  static final VolumeAccessStrategy STRATEGY = new JobPerPvcStrategyProvider().create();

  private JobFixtures() {}

  /** A ReadWriteOnce claim of {@link Fixtures#NAMESPACE} with this placement, mounted by {@code pods}. */
  static ClaimTarget target(String claim, Placement placement, String... pods) {
    return ClaimTarget.builder()
        .namespace(Fixtures.NAMESPACE)
        .name(claim)
        .volumeName("pv-" + claim)
        .addAccessModes(AccessMode.READ_WRITE_ONCE)
        .placement(placement)
        .addMountingPods(pods)
        .build();
  }

  static BackupUnit unit(ClaimTarget... targets) {
    return BackupUnit.of(JobPerPvcStrategyProvider.ID, List.of(targets));
  }

  /** A run of the restic tool, whose repository settings are in the Secret {@code repo}. */
  static RunContext context(Pod... pods) {
    return context(BackupToolSpec.restic("repo").build(), pods);
  }

  static RunContext context(BackupToolSpec tool, Pod... pods) {
    return RunContext.of(RUN, tool, ClusterSnapshot.of(List.of(), List.of(), List.of(pods)));
  }

  /** A run of the restic tool in a cluster of these nodes and pods. */
  static RunContext contextWithNodes(List<Node> nodes, Pod... pods) {
    return RunContext.of(RUN, BackupToolSpec.restic("repo").build(),
        ClusterSnapshot.of(List.of(), List.of(), List.of(pods)).withNodes(nodes));
  }

  static V1Job job(BackupUnit unit, RunContext context) {
    return (V1Job) STRATEGY.workflow(unit, context).manifests().get(0);
  }

  static V1PodSpec podSpec(BackupUnit unit, RunContext context) {
    return job(unit, context).getSpec().getTemplate().getSpec();
  }

  static V1Container container(BackupUnit unit, RunContext context) {
    return podSpec(unit, context).getContainers().get(0);
  }
}
