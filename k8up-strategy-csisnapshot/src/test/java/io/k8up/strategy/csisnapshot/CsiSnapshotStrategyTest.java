package io.k8up.strategy.csisnapshot;

import static io.k8up.strategy.csisnapshot.SnapshotFixtures.DRIVER;
import static io.k8up.strategy.csisnapshot.SnapshotFixtures.STRATEGY;
import static io.k8up.strategy.csisnapshot.SnapshotFixtures.claim;
import static io.k8up.strategy.csisnapshot.SnapshotFixtures.cluster;
import static io.k8up.strategy.csisnapshot.SnapshotFixtures.context;
import static io.k8up.strategy.csisnapshot.SnapshotFixtures.defaultClass;
import static io.k8up.strategy.csisnapshot.SnapshotFixtures.materialize;
import static io.k8up.strategy.csisnapshot.SnapshotFixtures.target;
import static io.k8up.strategy.csisnapshot.SnapshotFixtures.unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k8up.core.model.ClusterCapabilities;
import io.k8up.core.model.Placement;
import io.k8up.core.spi.Grouping;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.InstalledStrategies;
import io.k8up.core.spi.Support;
import io.k8up.core.spi.UnitScope;
import io.k8up.core.spi.VolumeAccessStrategy;
import io.k8up.core.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the strategy supports, how it groups claims, and how it is found. */
class CsiSnapshotStrategyTest {

  private static final String SNAPSHOTS = "snapshot.storage.k8s.io/v1/volumesnapshots";

  @Test
  void providerIsFoundThroughServiceLoaderAndItsStrategyNeedsNoNode() {
    List<VolumeAccessStrategy> strategies = InstalledStrategies.load().inOrder(List.of("csi-snapshot"));

    assertThat(strategies).singleElement().satisfies(strategy -> {
      assertThat(strategy.id()).isEqualTo(CsiSnapshotStrategyProvider.ID).isEqualTo("csi-snapshot");
      assertThat(strategy.requiresNode()).isFalse();
    });
  }

  @Test
  void everyGroupingGivesOneClaimPerUnit() {
    for (Grouping grouping : Grouping.values()) {
      assertThat(STRATEGY.unitScope(grouping)).as(grouping.name()).isEqualTo(UnitScope.CLAIM);
    }
  }

  @Test
  void unknownCapabilitiesAreAssumedToServeSnapshots() {
    ClusterSnapshot unknown = cluster(claim("data"));

    assertThat(unknown.capabilities().discovered()).isFalse();
    assertThat(STRATEGY.supports(target("data"), unknown)).isEqualTo(Support.supported());
  }

  @Test
  void clusterServingSnapshotsIsSupported() {
    ClusterSnapshot serving = cluster(claim("data"))
        .withCapabilities(ClusterCapabilities.builder().addServedResources(SNAPSHOTS).build());

    assertThat(STRATEGY.supports(target("data"), serving)).isEqualTo(Support.supported());
  }

  @Test
  void clusterKnownNotToServeSnapshotsIsRefusedPointingToTheSnapshotController() {
    ClusterSnapshot notServing = cluster(claim("data"))
        .withCapabilities(ClusterCapabilities.builder().addServedResources("pods").build());

    Support support = STRATEGY.supports(target("data"), notServing);

    assertThat(support.reason()).hasValueSatisfying(reason -> assertThat(reason)
        .contains("does not serve snapshot.storage.k8s.io/v1 VolumeSnapshots", "snapshot CRDs",
            "snapshot controller"));
  }

  @Test
  void volumeMissingFromTheSnapshotIsRefused() {
    ClusterSnapshot withoutVolume = ClusterSnapshot.of(List.of(claim("data")), List.of(), List.of())
        .withSnapshotClasses(List.of(defaultClass("csi-aws", DRIVER)));

    Support support = STRATEGY.supports(target("data"), withoutVolume);

    assertThat(support.reason()).hasValueSatisfying(reason -> assertThat(reason)
        .contains("PersistentVolume pv-data", Fixtures.NAMESPACE + "/data", "not in the snapshot",
            "list PersistentVolumes"));
  }

  @Test
  void volumeThatIsNotCsiIsRefused() {
    ClusterSnapshot hostPath = ClusterSnapshot.of(
            List.of(claim("data")), List.of(Fixtures.volumeFor("data").build()), List.of())
        .withSnapshotClasses(List.of(defaultClass("csi-aws", DRIVER)));

    Support support = STRATEGY.supports(target("data"), hostPath);

    assertThat(support.reason()).hasValueSatisfying(reason -> assertThat(reason)
        .contains("PersistentVolume pv-data", "not a CSI volume", "only CSI volumes can be snapshotted",
            "job-per-pvc"));
  }

  @Test
  void everyPlacementIsSupportedEvenAReadWriteOncePodVolumeAPodHolds() {
    List<Placement> placements = List.of(
        Placement.anywhere(),
        Placement.onPodNode("node-a", false),
        Placement.onPodNode("node-a", true),
        Placement.byNodeAffinity(List.of(Fixtures.hostnameTerm("node-a"))),
        Placement.onHostname("node-a"));

    for (Placement placement : placements) {
      assertThat(STRATEGY.supports(target("data", placement), cluster(claim("data"))).isSupported())
          .as(placement.toString())
          .isTrue();
    }
  }

  @Test
  void unitOfSeveralClaimsIsRejected() {
    ClusterSnapshot cluster = cluster(List.of(claim("a"), claim("b")), List.of(defaultClass("csi-aws", DRIVER)));
    Placement node = Placement.onPodNode("node-a", false);

    assertThatThrownBy(() -> materialize(unit(target("a", node), target("b", node)), context(cluster)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("one claim per unit");
  }

  @Test
  void claimMissingFromTheSnapshotIsRejectedWhenMaterializing() {
    ClusterSnapshot withoutClaim = cluster(List.of(), List.of(defaultClass("csi-aws", DRIVER)));
    ClusterSnapshot volumeOnly = ClusterSnapshot.of(List.of(), List.of(SnapshotFixtures.csiVolume("data")), List.of())
        .withSnapshotClasses(withoutClaim.snapshotClasses());

    assertThatThrownBy(() -> materialize(unit(target("data")), context(volumeOnly)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("claim " + Fixtures.NAMESPACE + "/data is not in the snapshot");
  }

  @Test
  void materializingIsDeterministic() {
    assertThat(materialize("data")).isEqualTo(materialize("data"));
    assertThat(materialize("data").manifests()).isEqualTo(materialize("data").manifests());
  }
}
