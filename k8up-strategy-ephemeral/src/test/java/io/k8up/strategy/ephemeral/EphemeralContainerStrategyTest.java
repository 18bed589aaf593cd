package io.k8up.strategy.ephemeral;

import static io.k8up.strategy.ephemeral.EphemeralFixtures.STRATEGY;
import static io.k8up.strategy.ephemeral.EphemeralFixtures.context;
import static io.k8up.strategy.ephemeral.EphemeralFixtures.heldClaim;
import static io.k8up.strategy.ephemeral.EphemeralFixtures.snapshot;
import static io.k8up.strategy.ephemeral.EphemeralFixtures.target;
import static io.k8up.strategy.ephemeral.EphemeralFixtures.unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.ClusterCapabilities;
import io.k8up.core.model.Placement;
import io.k8up.core.model.Pod;
import io.k8up.core.model.PodPhase;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.Grouping;
import io.k8up.core.spi.RunId;
import io.k8up.core.spi.RunObjects;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.InstalledStrategies;
import io.k8up.core.spi.Support;
import io.k8up.core.spi.UnitScope;
import io.k8up.core.spi.VolumeAccessStrategy;
import io.k8up.core.testing.Fixtures;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What the strategy supports, how it gathers claims, and how it is found. */
class EphemeralContainerStrategyTest {

  private final Pod db = Fixtures.runningPod("db-0", EphemeralFixtures.NODE, "db").build();

  @Test
  void providerIsFoundThroughServiceLoaderAndItsStrategyCarriesItsId() {
    List<VolumeAccessStrategy> strategies = InstalledStrategies.load().inOrder(List.of("ephemeral-container"));

    assertThat(strategies).singleElement().satisfies(strategy -> {
      assertThat(strategy.id()).isEqualTo(EphemeralContainerStrategyProvider.ID).isEqualTo("ephemeral-container");
      assertThat(strategy.requiresNode()).isTrue();
    });
    assertThat(EphemeralContainerStrategyProvider.strategy(3).id()).isEqualTo("ephemeral-container");
  }

  @Test
  void readWriteOncePodClaimHeldByARunningPodIsSupported() {
    assertThat(STRATEGY.supports(heldClaim("db", true, "db-0"), snapshot(db))).isEqualTo(Support.supported());
  }

  @Test
  void claimThatARunningPodMountsWithoutHoldingItAloneIsSupportedToo() {
    assertThat(STRATEGY.supports(heldClaim("db", false, "db-0"), snapshot(db)).isSupported()).isTrue();
  }

  @Test
  void aClusterKnownNotToServeEphemeralContainersIsRefusedSayingSo() {
    ClusterCapabilities old = ClusterCapabilities.builder().version("v1.24.9").addServedResources("pods").build();
    ClusterCapabilities withoutSubresource = ClusterCapabilities.builder().version("v1.30.1").addServedResources("pods").build();
    ClusterCapabilities serving = ClusterCapabilities.builder().version("v1.30.1")
        .addServedResources("pods", "pods/ephemeralcontainers").build();

    assertThat(STRATEGY.supports(heldClaim("db", true, "db-0"), snapshot(db).withCapabilities(old)).reason())
        .hasValueSatisfying(reason -> assertThat(reason).contains("Kubernetes v1.24.9", "pods/ephemeralcontainers", "1.25"));
    assertThat(STRATEGY.supports(heldClaim("db", true, "db-0"), snapshot(db).withCapabilities(withoutSubresource))
        .isSupported()).isFalse();
    assertThat(STRATEGY.supports(heldClaim("db", true, "db-0"), snapshot(db).withCapabilities(serving))
        .isSupported()).isTrue();
    assertThat(STRATEGY.supports(heldClaim("db", true, "db-0"), snapshot(db)).isSupported())
        .as("unknown capabilities, as in a file, are taken for served").isTrue();
  }

  @Test
  void pendingPodIsEnteredOnceItRuns() {
    Pod pending = Fixtures.runningPod("db-0", EphemeralFixtures.NODE, "db").phase(PodPhase.PENDING).build();

    assertThat(STRATEGY.supports(heldClaim("db", true, "db-0"), snapshot(pending)).isSupported()).isTrue();
  }

  @Test
  void theFirstPodThePlanNamesIsTheOneEntered() {
    Pod other = Fixtures.runningPod("app-1", EphemeralFixtures.NODE, "db").build();
    ClaimTarget shared = heldClaim("db", false, "db-0", "app-1");

    assertThat(STRATEGY.supports(shared, snapshot(other)).reason())
        .hasValueSatisfying(reason -> assertThat(reason).startsWith("pod shop/db-0, named as mounting claim shop/db"));
    assertThat(STRATEGY.supports(shared, snapshot(db, other)).isSupported()).isTrue();
  }

  @Test
  void claimsNotPlacedByAMountingPodAreRefusedSayingWhy() {
    List<Placement> placements = List.of(
        Placement.anywhere(),
        Placement.byNodeAffinity(List.of(Fixtures.hostnameTerm("node-a"))),
        Placement.onHostname("node-a"));

    for (Placement placement : placements) {
      Support support = STRATEGY.supports(target("data", placement), snapshot(db));

      assertThat(support.reason()).as(placement.type().name()).hasValueSatisfying(reason -> assertThat(reason)
          .startsWith("it needs a running pod that mounts the claim on a known node, and claim shop/data has none")
          .contains("job-per-pvc"));
    }
    assertThat(STRATEGY.supports(target("data", Placement.anywhere()), snapshot(db)).reason())
        .hasValueSatisfying(reason -> assertThat(reason).contains("shared"));
  }

  @Test
  void podMissingFromTheSnapshotIsRefused() {
    Support support = STRATEGY.supports(heldClaim("db", true, "db-0"), ClusterSnapshot.empty());

    assertThat(support.reason()).hasValue(
        "pod shop/db-0, named as mounting claim shop/db, is not in the cluster snapshot or no longer mounts it;"
            + " plan again");
  }

  @Test
  void podThatEndedOrIsBeingDeletedIsRefused() {
    List<Pod> gone = List.of(
        Fixtures.runningPod("db-0", EphemeralFixtures.NODE, "db").phase(PodPhase.SUCCEEDED).build(),
        Fixtures.runningPod("db-0", EphemeralFixtures.NODE, "db").phase(PodPhase.FAILED).build(),
        Fixtures.runningPod("db-0", EphemeralFixtures.NODE, "db").deleting(true).build());

    for (Pod pod : gone) {
      assertThat(STRATEGY.supports(heldClaim("db", true, "db-0"), snapshot(pod)).reason())
          .as(pod.toString())
          .hasValueSatisfying(reason -> assertThat(reason).contains("has ended or is being deleted", "plan again"));
    }
  }

  @Test
  void podHoldingTheLimitOfEarlierContainersIsRefusedSayingToRollTheWorkload() {
    Pod full = withEarlierContainers(EphemeralContainerStrategyProvider.DEFAULT_MAX_CONTAINERS_PER_POD);

    Support support = STRATEGY.supports(heldClaim("db", true, "db-0"), snapshot(full));

    assertThat(support.reason()).hasValueSatisfying(reason -> assertThat(reason).contains(
        "pod shop/db-0 already holds 5 ephemeral containers of earlier k8up-rwo backups",
        "at most 5", "stay until the pod is replaced", "kubectl rollout restart", "another strategy"));
  }

  @Test
  void podOneContainerBelowTheLimitIsAccepted() {
    Pod almostFull = Pod.builder()
        .from(withEarlierContainers(EphemeralContainerStrategyProvider.DEFAULT_MAX_CONTAINERS_PER_POD - 1))
        .addEphemeralContainerNames("debugger-x7k2p", "debugger-q9z4m")
        .build();

    assertThat(STRATEGY.supports(heldClaim("db", true, "db-0"), snapshot(almostFull)).isSupported())
        .as("containers other tools added do not count")
        .isTrue();
  }

  @Test
  void limitIsTheEmbeddersChoice() {
    VolumeAccessStrategy strict = EphemeralContainerStrategyProvider.strategy(2);
    ClaimTarget claim = heldClaim("db", true, "db-0");

    assertThat(strict.supports(claim, snapshot(withEarlierContainers(1))).isSupported()).isTrue();
    assertThat(strict.supports(claim, snapshot(withEarlierContainers(2))).isSupported()).isFalse();
    assertThat(EphemeralContainerStrategyProvider.strategy(1).supports(claim, snapshot(db)).isSupported()).isTrue();
    assertThatThrownBy(() -> EphemeralContainerStrategyProvider.strategy(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one");
  }

  @Test
  void oneUnitPerPodWhateverTheGrouping() {
    for (Grouping grouping : Grouping.values()) {
      assertThat(STRATEGY.unitScope(grouping)).as(grouping.name()).isEqualTo(UnitScope.POD);
    }
  }

  @Test
  void materializingAnUnsupportedClaimIsRejectedWithTheReason() {
    assertThatThrownBy(() -> STRATEGY.workflow(unit(heldClaim("db", true, "db-0")), context()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not in the cluster snapshot");
    assertThatThrownBy(() -> STRATEGY.workflow(unit(heldClaim("db", true, "db-0")), context(withEarlierContainers(5))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kubectl rollout restart");
  }

  @Test
  void materializingClaimsOfDifferentPodsInOneUnitIsRejected() {
    Pod logs = Fixtures.runningPod("logs-0", EphemeralFixtures.NODE, "logs").build();

    assertThatThrownBy(() -> STRATEGY.workflow(
            unit(heldClaim("db", false, "db-0"), heldClaim("logs", false, "logs-0")), context(db, logs)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("one pod")
        .hasMessageContaining("db-0")
        .hasMessageContaining("logs-0");
  }

  /** Pod {@code db-0}, mounting {@code db}, with the containers of {@code count} earlier runs' backups of it. */
  private static Pod withEarlierContainers(int count) {
    BackupUnit unit = unit(heldClaim("db", true, "db-0"));
    return Fixtures.runningPod("db-0", EphemeralFixtures.NODE, "db")
        .addAllEphemeralContainerNames(IntStream.rangeClosed(1, count)
            .mapToObj(run -> RunObjects.name(RunId.of("nightly-" + run), unit))
            .toList())
        .build();
  }
}
