package io.k8up.examples.plugin;

import io.k8up.core.model.AccessMode;
import io.k8up.core.model.Claim;
import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.PersistentVolume;
import io.k8up.core.model.Placement;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.VolumeAccessStrategy;
import io.k8up.core.testing.Fixtures;
import io.k8up.core.testing.SupportedUnit;
import io.k8up.core.testing.VolumeAccessStrategyContract;
import java.util.List;

/** The strategy contract holds for the example plug-in too, as for any strategy written against the SPI. */
class SharedStorageClassContractTest extends VolumeAccessStrategyContract {

  private static final String STORAGE_CLASS = "nfs-client";

  @Override
  protected VolumeAccessStrategy strategy() {
    return new SharedStorageClassStrategy(STORAGE_CLASS);
  }

  @Override
  protected SupportedUnit supportedUnit(List<String> claimNames) {
    List<Claim> claims = claimNames.stream()
        .map(claim -> (Claim) Fixtures.boundClaim(claim, AccessMode.READ_WRITE_MANY).storageClassName(STORAGE_CLASS).build())
        .toList();
    List<PersistentVolume> volumes = claimNames.stream()
        .map(claim -> (PersistentVolume) Fixtures.volumeFor(claim).build())
        .toList();
    List<ClaimTarget> targets = claimNames.stream()
        .map(claim -> (ClaimTarget) ClaimTarget.builder()
            .namespace(Fixtures.NAMESPACE)
            .name(claim)
            .volumeName("pv-" + claim)
            .addAccessModes(AccessMode.READ_WRITE_MANY)
            .placement(Placement.anywhere())
            .build())
        .toList();
    return new SupportedUnit(
        BackupUnit.of(SharedStorageClassStrategy.ID, targets), ClusterSnapshot.of(claims, volumes, List.of()));
  }
}
