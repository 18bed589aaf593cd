package io.k8up.strategy.ephemeral;

import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.Pod;
import io.k8up.core.spi.VolumeAccessStrategy;
import io.k8up.core.testing.Fixtures;
import io.k8up.core.testing.SupportedUnit;
import io.k8up.core.testing.VolumeAccessStrategyContract;
import java.util.List;

/** The strategy contract, for claims that one running pod holds. */
class EphemeralContainerContractTest extends VolumeAccessStrategyContract {

  @Override
  protected VolumeAccessStrategy strategy() {
    return EphemeralFixtures.STRATEGY;
  }

  @Override
  protected SupportedUnit supportedUnit(List<String> claimNames) {
    Pod db = Fixtures.runningPod("db-0", EphemeralFixtures.NODE, claimNames.toArray(String[]::new))
        .runAsUser(1000L).runAsGroup(1001L).fsGroup(2000L).build();
    ClaimTarget[] targets = claimNames.stream()
        .map(claim -> EphemeralFixtures.heldClaim(claim, false, db.name()))
        .toArray(ClaimTarget[]::new);
    return new SupportedUnit(EphemeralFixtures.unit(targets), EphemeralFixtures.snapshot(db));
  }
}
