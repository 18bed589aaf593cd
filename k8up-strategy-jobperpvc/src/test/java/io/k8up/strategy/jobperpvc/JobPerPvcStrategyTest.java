package io.k8up.strategy.jobperpvc;

import static io.k8up.strategy.jobperpvc.JobFixtures.STRATEGY;
import static io.k8up.strategy.jobperpvc.JobFixtures.context;
import static io.k8up.strategy.jobperpvc.JobFixtures.target;
import static io.k8up.strategy.jobperpvc.JobFixtures.unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.Placement;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.InstalledStrategies;
import io.k8up.core.spi.Support;
import io.k8up.core.spi.VolumeAccessStrategy;
import io.k8up.core.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the strategy supports, and how it is found. */
class JobPerPvcStrategyTest {

  @Test
  void providerIsFoundThroughServiceLoaderAndItsStrategyCarriesItsId() {
    InstalledStrategies installed = InstalledStrategies.load(JobPerPvcStrategyProvider.class.getClassLoader());

    List<VolumeAccessStrategy> strategies = installed.inOrder(List.of("job-per-pvc"));

    assertThat(strategies).singleElement().satisfies(strategy -> {
      assertThat(strategy.id()).isEqualTo(JobPerPvcStrategyProvider.ID).isEqualTo("job-per-pvc");
      assertThat(strategy.requiresNode()).isTrue();
    });
  }

  @Test
  void claimHeldByReadWriteOncePodIsRefusedPointingToTheEphemeralStrategy() {
    ClaimTarget held = target("db", Placement.onPodNode("node-a", true), "db-0");

    Support support = STRATEGY.supports(held, ClusterSnapshot.empty());

    assertThat(support.isSupported()).isFalse();
    assertThat(support.reason()).hasValueSatisfying(reason -> assertThat(reason)
        .contains(Fixtures.NAMESPACE + "/db", "pod db-0", "no second pod can mount it", "ephemeral-container",
            "stop the pod"));
  }

  @Test
  void everyOtherPlacementIsSupported() {
    List<Placement> placements = List.of(
        Placement.anywhere(),
        Placement.onPodNode("node-a", false),
        Placement.byNodeAffinity(List.of(Fixtures.hostnameTerm("node-a"))),
        Placement.onHostname("node-a"));

    for (Placement placement : placements) {
      assertThat(STRATEGY.supports(target("data", placement), ClusterSnapshot.empty()).isSupported())
          .as(placement.type().name())
          .isTrue();
    }
  }

  @Test
  void materializingAClaimHeldByReadWriteOncePodIsRejected() {
    ClaimTarget held = target("db", Placement.onPodNode("node-a", true), "db-0");

    assertThatThrownBy(() -> STRATEGY.workflow(unit(held), context()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ephemeral-container");
  }
}
