package io.k8up.core.restore;

import static io.k8up.core.testing.Fixtures.boundClaim;
import static io.k8up.core.testing.Fixtures.hostnameTerm;
import static io.k8up.core.testing.Fixtures.runningPod;
import static io.k8up.core.testing.Fixtures.volumeFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k8up.core.model.AccessMode;
import io.k8up.core.model.Claim;
import io.k8up.core.model.ClaimPhase;
import io.k8up.core.model.ClusterCapabilities;
import io.k8up.core.model.PersistentVolume;
import io.k8up.core.model.Placement;
import io.k8up.core.model.Pod;
import io.k8up.core.model.PodPhase;
import io.k8up.core.snapshot.ClusterSnapshot;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each reason of the restore planner, in the situation that gives it. */
class RestorePlannerTest {

  private static final RestorePlanner PLANNER = RestorePlanner.builder().build();
  private static final List<StorageClassBinding> CLASSES =
      List.of(StorageClassBinding.of("local-wait", true), StorageClassBinding.of("fast", false));

  @Test
  void missingClaimFailsInPlaceAndNamesTheWaysOut() {
    RestoreDecision decision = decide(ClusterSnapshot.empty(), request("data").build());

    assertThat(decision.reason()).isEqualTo(RestoreReason.CLAIM_NOT_FOUND);
    assertThat(decision.message()).contains("shop/data", "--to NAME");
  }

  @Test
  void claimMountedByARunningPodFailsInUseWithTheThreeFixes() {
    ClusterSnapshot cluster = cluster(boundClaim("data", AccessMode.READ_WRITE_ONCE).build(),
        runningPod("app-0", "node-a", "data").build());

    RestoreDecision decision = decide(cluster, request("data").build());

    assertThat(decision.action()).isEqualTo(RestoreAction.FAIL);
    assertThat(decision.reason()).isEqualTo(RestoreReason.IN_USE);
    assertThat(decision.message()).contains("app-0 (Running on node-a)", "Scale the workload down", "--to NAME",
        "in-use option");
  }

  @Test
  void inUseReadWriteOnceClaimIsRestoredOnItsPodsNodeAsThatPodsUser() {
    ClusterSnapshot cluster = cluster(boundClaim("data", AccessMode.READ_WRITE_ONCE).build(),
        runningPod("app-0", "node-a", "data").runAsUser(1000L).build());

    RestoreDecision decision = decide(cluster, request("data").inUse(true).build());

    assertThat(decision.reason()).isEqualTo(RestoreReason.MOUNTING_POD);
    RestoreTarget target = decision.target().orElseThrow();
    assertThat(target.placement()).isEqualTo(Placement.onPodNode("node-a", false));
    assertThat(target.method()).isEqualTo(RestoreMethod.JOB);
    assertThat(target.mountingPods()).containsExactly("app-0");
    assertThat(target.inPlace()).isTrue();
  }

  @Test
  void heldReadWriteOncePodClaimIsRestoredThroughAnEphemeralContainerOfItsPod() {
    ClusterSnapshot cluster = cluster(boundClaim("data", AccessMode.READ_WRITE_ONCE_POD).build(),
        runningPod("app-0", "node-a", "data").build());

    RestoreDecision decision = decide(cluster, request("data").inUse(true).build());

    assertThat(decision.reason()).isEqualTo(RestoreReason.HELD_BY_POD);
    assertThat(decision.target().orElseThrow().method()).isEqualTo(RestoreMethod.EPHEMERAL_CONTAINER);
    assertThat(decision.target().orElseThrow().holdingPod()).contains("app-0");
  }

  @Test
  void heldReadWriteOncePodClaimFailsOnAClusterWithoutEphemeralContainers() {
    ClusterSnapshot cluster = cluster(boundClaim("data", AccessMode.READ_WRITE_ONCE_POD).build(),
        runningPod("app-0", "node-a", "data").build())
        .withCapabilities(ClusterCapabilities.builder().version("v1.24.9").addServedResources("pods").build());

    RestoreDecision decision = decide(cluster, request("data").inUse(true).build());

    assertThat(decision.reason()).isEqualTo(RestoreReason.NO_EPHEMERAL_CONTAINERS);
    assertThat(decision.message()).contains("Kubernetes v1.24.9", "pods/ephemeralcontainers", "--to NAME");
  }

  @Test
  void readWriteOncePodClaimHeldByAPendingPodFailsUntilThePodRuns() {
    ClusterSnapshot cluster = cluster(boundClaim("data", AccessMode.READ_WRITE_ONCE_POD).build(),
        runningPod("app-0", "node-a", "data").phase(PodPhase.PENDING).build());

    assertThat(decide(cluster, request("data").inUse(true).build()).reason())
        .isEqualTo(RestoreReason.HOLDER_NOT_RUNNING);
  }

  @Test
  void unmountedClaimIsPlacedByItsVolumesNodeAffinity() {
    Claim claim = boundClaim("data", AccessMode.READ_WRITE_ONCE).build();
    PersistentVolume volume = volumeFor("data").addRequiredNodeAffinity(hostnameTerm("node-b")).build();

    RestoreDecision decision = decide(ClusterSnapshot.of(List.of(claim), List.of(volume), List.of()),
        request("data").build());

    assertThat(decision.reason()).isEqualTo(RestoreReason.PV_NODE_AFFINITY);
    assertThat(decision.target().orElseThrow().placement())
        .isEqualTo(Placement.byNodeAffinity(List.of(hostnameTerm("node-b"))));
    // The rule is the backups' too: its sentence must not speak of a backup alone.
    assertThat(decision.message()).endsWith("which places the backup or restore pod.");
  }

  @Test
  void unmountedClaimWithNothingSayingItsNodeFailsNoNode() {
    ClusterSnapshot cluster = cluster(boundClaim("data", AccessMode.READ_WRITE_ONCE).build());

    RestoreDecision decision = decide(cluster, request("data").build());

    assertThat(decision.reason()).isEqualTo(RestoreReason.NO_NODE);
    assertThat(decision.message()).contains("nodeAffinity", "k8up.io/hostname", "--to NAME");
  }

  @Test
  void missingTargetIsCreatedLikeTheBackedUpClaimAndPlacedByTheScheduler() {
    Claim source = boundClaim("data", AccessMode.READ_WRITE_ONCE).storageClassName("fast")
        .requestedBytes(5L << 30).build();

    RestoreDecision decision = decide(cluster(source), request("data").to("data-copy").build());

    assertThat(decision.reason()).isEqualTo(RestoreReason.NEW_CLAIM);
    RestoreTarget target = decision.target().orElseThrow();
    assertThat(target.newClaim()).contains(NewClaim.of(java.util.Optional.of("fast"), 5L << 30,
        List.of(AccessMode.READ_WRITE_ONCE)));
    assertThat(target.placement()).isEqualTo(Placement.anywhere());
    assertThat(target.sourceClaim()).isEqualTo("data");
    assertThat(target.targetClaim()).isEqualTo("data-copy");
  }

  // Seen on a real control plane: the copy of a claim of no class went to the default class.
  @Test
  void aClaimThatAsksForNoStorageClassIsCopiedAsOneThatAsksForNone() {
    Claim noClass = boundClaim("data", AccessMode.READ_WRITE_ONCE).asksForNoStorageClass(true)
        .requestedBytes(1L << 30).build();
    Claim defaultClass = boundClaim("data", AccessMode.READ_WRITE_ONCE).requestedBytes(1L << 30).build();

    RestoreDecision none = decide(cluster(noClass), request("data").to("data-copy").build());
    RestoreDecision byDefault = decide(cluster(defaultClass), request("data").to("data-copy").build());

    assertThat(none.target().orElseThrow().newClaim().orElseThrow().storageClassName()).contains("");
    assertThat(none.message()).contains("no StorageClass, storageClassName \"\"");
    assertThat(io.k8up.core.spi.support.RestoreJobs.newClaim(none.target().orElseThrow(),
        io.k8up.core.spi.BackupToolSpec.restic("repo").build()).orElseThrow().getSpec().getStorageClassName())
        .as("the claim the restore creates").isEqualTo("");
    assertThat(byDefault.target().orElseThrow().newClaim().orElseThrow().storageClassName()).isEmpty();
    assertThat(byDefault.message()).contains("the default StorageClass");
  }

  @Test
  void missingTargetWithoutTheBackedUpClaimFailsAsItsSpecIsUnknown() {
    RestoreDecision decision = decide(ClusterSnapshot.empty(), request("data").to("data-copy").build());

    assertThat(decision.reason()).isEqualTo(RestoreReason.CLAIM_NOT_FOUND);
    assertThat(decision.message()).contains("Create shop/data-copy yourself");
  }

  @Test
  void pendingTargetThatWaitsForItsFirstConsumerIsBoundByTheRestorePod() {
    Claim pending = pending("data-copy", "local-wait");

    RestoreDecision decision = decide(cluster(pending), request("data").to("data-copy").build());

    assertThat(decision.reason()).isEqualTo(RestoreReason.FIRST_CONSUMER);
    assertThat(decision.target().orElseThrow().placement()).isEqualTo(Placement.anywhere());
  }

  @Test
  void pendingTargetOfAnImmediateClassOrAnUnknownOneFailsNotBound() {
    assertThat(decide(cluster(pending("data-copy", "fast")), request("data").to("data-copy").build()).message())
        .contains("Immediate");
    RestoreDecision unknown = decide(cluster(pending("data-copy", "other")), request("data").to("data-copy").build());
    assertThat(unknown.reason()).isEqualTo(RestoreReason.NOT_BOUND);
    assertThat(unknown.message()).contains("not among the classes");
  }

  @Test
  void readOnlyManyTargetFailsAsNoPodCanWriteIt() {
    ClusterSnapshot cluster = cluster(boundClaim("data", AccessMode.READ_ONLY_MANY).build());

    assertThat(decide(cluster, request("data").build()).reason()).isEqualTo(RestoreReason.READ_ONLY);
  }

  @Test
  void secondRequestForTheSameTargetIsSkipped() {
    ClusterSnapshot cluster = cluster(boundClaim("data", AccessMode.READ_WRITE_MANY).build());

    RestorePlan plan = PLANNER.plan(cluster, CLASSES, List.of(request("data").build(),
        request("data").snapshot(SnapshotChoice.id("1a2b3c4d")).build()));

    assertThat(plan.decisions()).extracting(RestoreDecision::reason)
        .containsExactly(RestoreReason.SHARED_ACCESS, RestoreReason.DUPLICATE_TARGET);
    assertThat(plan.decisions(RestoreAction.SKIP)).hasSize(1);
  }

  @Test
  void snapshotChoiceAndOverwritePolicyPassToTheTarget() {
    ClusterSnapshot cluster = cluster(boundClaim("data", AccessMode.READ_WRITE_MANY).build());
    SnapshotChoice asOf = SnapshotChoice.asOf(Instant.parse("2026-11-01T00:00:00Z"));

    RestoreTarget target = decide(cluster, request("data").snapshot(asOf)
        .overwrite(OverwritePolicy.KEEP_EXISTING).build()).target().orElseThrow();

    assertThat(target.snapshot()).isEqualTo(asOf);
    assertThat(target.overwrite()).isEqualTo(OverwritePolicy.KEEP_EXISTING);
  }

  @Test
  void snapshotIdMustBeHexadecimalAsResticPrintsIt() {
    assertThatThrownBy(() -> SnapshotChoice.id("latest")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SnapshotChoice.id("1a2b")).isInstanceOf(IllegalArgumentException.class);
    assertThat(SnapshotChoice.id("1a2b3c4d").describe()).isEqualTo("backup 1a2b3c4d");
  }

  private static Claim pending(String name, String storageClass) {
    return Claim.builder().namespace("shop").name(name).phase(ClaimPhase.PENDING).storageClassName(storageClass)
        .addSpecAccessModes(AccessMode.READ_WRITE_ONCE).build();
  }

  private static ImmutableRestoreRequest.Builder request(String claim) {
    return RestoreRequest.builder().namespace("shop").claim(claim);
  }

  private static ClusterSnapshot cluster(Claim claim, Pod... pods) {
    List<PersistentVolume> volumes = claim.volumeName()
        .map(name -> List.<PersistentVolume>of(PersistentVolume.builder().name(name).build()))
        .orElse(List.of());
    return ClusterSnapshot.of(List.of(claim), volumes, List.of(pods));
  }

  private static RestoreDecision decide(ClusterSnapshot cluster, RestoreRequest request) {
    RestorePlan plan = PLANNER.plan(cluster, CLASSES, List.of(request));
    assertThat(plan.decisions()).hasSize(1);
    return plan.decisions().get(0);
  }
}
