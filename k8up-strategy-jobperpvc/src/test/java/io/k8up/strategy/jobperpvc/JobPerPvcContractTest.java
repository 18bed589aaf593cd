package io.k8up.strategy.jobperpvc;

import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.Placement;
import io.k8up.core.model.Pod;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.VolumeAccessStrategy;
import io.k8up.core.testing.Fixtures;
import io.k8up.core.testing.SupportedUnit;
import io.k8up.core.testing.VolumeAccessStrategyContract;
import java.util.List;

/** The strategy contract, for claims that one application pod mounts on its node. */
class JobPerPvcContractTest extends VolumeAccessStrategyContract {

  private static final Placement NODE_A = Placement.onPodNode("node-a", false);

  @Override
  protected VolumeAccessStrategy strategy() {
    return JobFixtures.STRATEGY;
  }

  @Override
  protected SupportedUnit supportedUnit(List<String> claimNames) {
    Pod app = Fixtures.runningPod("app-0", "node-a", claimNames.toArray(String[]::new))
        .runAsUser(1000L).runAsGroup(1001L).fsGroup(2000L).build();
    ClaimTarget[] targets = claimNames.stream()
        .map(claim -> JobFixtures.target(claim, NODE_A, app.name()))
        .toArray(ClaimTarget[]::new);
    return new SupportedUnit(JobFixtures.unit(targets), ClusterSnapshot.of(List.of(), List.of(), List.of(app)));
  }
}
