package io.k8up.strategy.csisnapshot;

import io.k8up.core.spi.VolumeAccessStrategy;
import io.k8up.core.testing.SupportedUnit;
import io.k8up.core.testing.VolumeAccessStrategyContract;
import java.util.List;

/** The strategy contract, for a CSI claim whose driver has a default VolumeSnapshotClass. */
class CsiSnapshotContractTest extends VolumeAccessStrategyContract {

  @Override
  protected VolumeAccessStrategy strategy() {
    return SnapshotFixtures.STRATEGY;
  }

  /** One: a unit of this strategy is one claim, one snapshot. */
  @Override
  protected int maxClaimsPerUnit() {
    return 1;
  }

  @Override
  protected SupportedUnit supportedUnit(List<String> claimNames) {
    String claim = claimNames.get(0);
    return new SupportedUnit(
        SnapshotFixtures.unit(SnapshotFixtures.target(claim)),
        SnapshotFixtures.cluster(SnapshotFixtures.claim(claim)));
  }
}
