package io.k8up.core.plan;

import static io.k8up.core.model.AccessMode.READ_ONLY_MANY;
import static io.k8up.core.model.AccessMode.READ_WRITE_MANY;
import static io.k8up.core.model.AccessMode.READ_WRITE_ONCE;
import static io.k8up.core.model.AccessMode.READ_WRITE_ONCE_POD;
import static io.k8up.core.testing.Fixtures.NAMESPACE;
import static io.k8up.core.testing.Fixtures.annotation;
import static io.k8up.core.testing.Fixtures.boundClaim;
import static io.k8up.core.testing.Fixtures.hostnameTerm;
import static io.k8up.core.testing.Fixtures.runningPod;
import static io.k8up.core.testing.Fixtures.volumeFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.k8up.core.model.Claim;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.model.PersistentVolume;
import io.k8up.core.model.Placement;
import io.k8up.core.model.Pod;
import io.k8up.core.model.PodPhase;
import io.k8up.core.snapshot.ClusterSnapshot;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Named scenarios for the rules beyond the eight criteria. */
class PlannerRulesTest {

  private final BackupPlanner planner = BackupPlanner.builder().build();

  @Test
  void backupAnnotationTrueInAnyCaseLetsTheClaimThrough() {
    Decision decision = decide(boundClaim("data", READ_WRITE_MANY).annotations(annotation(K8upAnnotations.BACKUP, "TRUE")).build());

    assertThat(decision.reason()).isEqualTo(DecisionReason.SHARED_ACCESS);
  }

  @Test
  void unknownBackupAnnotationValueFailsNamingTheValue() {
    Decision decision = decide(boundClaim("data", READ_WRITE_ONCE).annotations(annotation(K8upAnnotations.BACKUP, "yes")).build());

    assertThat(decision.action()).isEqualTo(Action.FAIL);
    assertThat(decision.reason()).isEqualTo(DecisionReason.INVALID_ANNOTATION);
    assertThat(decision.message()).contains("\"yes\"");
  }

  @Test
  void optInModeSkipsAClaimWithoutTheAnnotation() {
    BackupPlanner optIn = BackupPlanner.builder().requireOptIn(true).build();
    ClusterSnapshot snapshot = ClusterSnapshot.of(
        List.of(boundClaim("data", READ_WRITE_MANY).build()), List.of(volumeFor("data").build()), List.of());

    Decision decision = optIn.plan(snapshot).decisions().get(0);

    assertThat(decision.reason()).isEqualTo(DecisionReason.NOT_OPTED_IN);
    assertThat(decision.message()).contains("k8up.io/backup=true");
  }

  @Test
  void claimBoundToAMissingVolumeFails() {
    ClusterSnapshot snapshot = ClusterSnapshot.of(List.of(boundClaim("data", READ_WRITE_ONCE).build()), List.of(), List.of());

    Decision decision = planner.plan(snapshot).decisions().get(0);

    assertThat(decision.action()).isEqualTo(Action.FAIL);
    assertThat(decision.reason()).isEqualTo(DecisionReason.VOLUME_NOT_FOUND);
    assertThat(decision.message()).contains("pv-data");
  }

  @Test
  void readWriteManyAndReadOnlyManyClaimsNeedNoNode() {
    assertThat(decide(boundClaim("data", READ_WRITE_MANY).build()).claimTarget().orElseThrow().placement())
        .isEqualTo(Placement.anywhere());
    assertThat(decide(boundClaim("data", READ_ONLY_MANY).build()).reason()).isEqualTo(DecisionReason.SHARED_ACCESS);
  }

  @Test
  void statusAccessModesWinOverTheSpec() {
    Claim claim = boundClaim("data", READ_WRITE_ONCE).statusAccessModes(List.of(READ_WRITE_MANY)).build();

    assertThat(decide(claim).reason()).isEqualTo(DecisionReason.SHARED_ACCESS);
  }

  @Test
  void heldReadWriteOncePodClaimIsPlacedForTheHoldingPodOnly() {
    Decision decision = decide(boundClaim("data", READ_WRITE_ONCE_POD).build(), runningPod("app-0", "worker-1", "data").build());

    assertThat(decision.claimTarget().orElseThrow().placement()).isEqualTo(Placement.onPodNode("worker-1", true));
    assertThat(decision.message()).contains("ReadWriteOncePod", "app-0");
  }

  @Test
  void runningPodsWinOverPendingOnes() {
    Decision decision = decide(
        boundClaim("data", READ_WRITE_ONCE).build(),
        runningPod("old", "worker-1", "data").build(),
        runningPod("new", "worker-2", "data").phase(PodPhase.PENDING).build());

    assertThat(decision.claimTarget().orElseThrow().placement().node()).contains("worker-1");
  }

  @Test
  void pendingPodScheduledToANodePlacesTheClaimWhenNoneRuns() {
    Decision decision = decide(
        boundClaim("data", READ_WRITE_ONCE).build(), runningPod("new", "worker-2", "data").phase(PodPhase.PENDING).build());

    assertThat(decision.claimTarget().orElseThrow().placement().node()).contains("worker-2");
  }

  @Test
  void podsThatAreTerminatedBeingDeletedUnscheduledOrOursDoNotCount() {
    Pod finished = runningPod("finished", "worker-1", "data").phase(PodPhase.SUCCEEDED).build();
    Pod deleting = runningPod("deleting", "worker-2", "data").deleting(true).build();
    Pod unscheduled = Pod.builder().from(runningPod("unscheduled", "x", "data").phase(PodPhase.PENDING).build())
        .nodeName(Optional.empty()).build();
    Pod ours = runningPod("k8up-backup", "worker-3", "data")
        .putLabels(K8upAnnotations.MANAGED_BY_LABEL, K8upAnnotations.MANAGED_BY_VALUE).build();

    Decision decision = decide(boundClaim("data", READ_WRITE_ONCE).build(), finished, deleting, unscheduled, ours);

    assertThat(decision.reason()).isEqualTo(DecisionReason.NO_NODE);
  }

  @Test
  void podsOnTwoNodesMakeTheNodeAmbiguous() {
    Decision decision = decide(
        boundClaim("data", READ_WRITE_ONCE).build(),
        runningPod("a-0", "worker-1", "data").build(),
        runningPod("b-0", "worker-2", "data").build());

    assertThat(decision.action()).isEqualTo(Action.FAIL);
    assertThat(decision.reason()).isEqualTo(DecisionReason.AMBIGUOUS_NODE);
    assertThat(decision.message()).contains("a-0 on worker-1", "b-0 on worker-2");
  }

  @Test
  void twoPodsOnOneNodePlaceTheClaimThere() {
    Decision decision = decide(
        boundClaim("data", READ_WRITE_ONCE).build(),
        runningPod("a-0", "worker-1", "data").build(),
        runningPod("b-0", "worker-1", "data").build());

    assertThat(decision.claimTarget().orElseThrow().mountingPods()).containsExactly("a-0", "b-0");
  }

  @Test
  void podOfAnotherNamespaceDoesNotMountTheClaim() {
    Pod elsewhere = runningPod("app-0", "worker-1", "data").namespace("other").build();

    assertThat(decide(boundClaim("data", READ_WRITE_ONCE).build(), elsewhere).reason()).isEqualTo(DecisionReason.NO_NODE);
  }

  @Test
  void invalidHostnameAnnotationFails() {
    Decision decision = decide(boundClaim("data", READ_WRITE_ONCE).annotations(annotation(K8upAnnotations.HOSTNAME, "worker 1")).build());

    assertThat(decision.action()).isEqualTo(Action.FAIL);
    assertThat(decision.reason()).isEqualTo(DecisionReason.INVALID_ANNOTATION);
    assertThat(decision.message()).contains("\"worker 1\"");
  }

  @Test
  void backupCommandRunsInTheAnnotatedContainer() {
    Pod pod = runningPod("db-0", "worker-1").addContainerNames("dumper")
        .putAnnotations(K8upAnnotations.BACKUP_COMMAND, "pg_dumpall")
        .putAnnotations(K8upAnnotations.BACKUP_COMMAND_CONTAINER, "dumper")
        .build();

    Decision decision = planner.plan(ClusterSnapshot.of(List.of(), List.of(), List.of(pod))).decisions().get(0);

    assertThat(decision.reason()).isEqualTo(DecisionReason.BACKUP_COMMAND);
    assertThat(decision.message()).contains("container dumper");
  }

  @Test
  void backupCommandContainerThePodLacksFails() {
    Pod pod = runningPod("db-0", "worker-1")
        .putAnnotations(K8upAnnotations.BACKUP_COMMAND, "pg_dumpall")
        .putAnnotations(K8upAnnotations.BACKUP_COMMAND_CONTAINER, "postgres")
        .build();

    Decision decision = planner.plan(ClusterSnapshot.of(List.of(), List.of(), List.of(pod))).decisions().get(0);

    assertThat(decision.action()).isEqualTo(Action.FAIL);
    assertThat(decision.reason()).isEqualTo(DecisionReason.INVALID_ANNOTATION);
    assertThat(decision.message()).contains("\"postgres\"", "app");
  }

  @Test
  void podsOfOneControllerRunTheCommandOnceUnlessTurnedOff() {
    Pod first = runningPod("db-0", "worker-1").putAnnotations(K8upAnnotations.BACKUP_COMMAND, "dump").controllerUid("sts-uid").build();
    Pod second = runningPod("db-1", "worker-2").putAnnotations(K8upAnnotations.BACKUP_COMMAND, "dump").controllerUid("sts-uid").build();
    ClusterSnapshot snapshot = ClusterSnapshot.of(List.of(), List.of(), List.of(second, first));

    BackupPlan once = planner.plan(snapshot);
    BackupPlan every = BackupPlanner.builder().commandsOncePerController(false).build().plan(snapshot);

    assertThat(once.decisions()).extracting(Decision::reason)
        .containsExactly(DecisionReason.BACKUP_COMMAND, DecisionReason.SAME_OWNER);
    assertThat(once.decisions().get(1).message()).contains("db-0");
    assertThat(every.decisions()).extracting(Decision::reason)
        .containsExactly(DecisionReason.BACKUP_COMMAND, DecisionReason.BACKUP_COMMAND);
  }

  @Test
  void terminatedPodWithBackupCommandGetsNoDecision() {
    Pod done = runningPod("job-1", "worker-1").phase(PodPhase.SUCCEEDED).putAnnotations(K8upAnnotations.BACKUP_COMMAND, "dump").build();

    assertThat(planner.plan(ClusterSnapshot.of(List.of(), List.of(), List.of(done))).decisions()).isEmpty();
  }

  @Test
  void customRuleChainIsHonouredAndAThrowingRuleFailsTheClaimByName() {
    NodeResolutionRule broken = new NodeResolutionRule() {
      @Override
      public String name() {
        return "broken";
      }

      @Override
      public Resolution resolve(ClaimContext context) {
        throw new IllegalStateException("boom");
      }
    };
    BackupPlanner custom = BackupPlanner.builder()
        .nodeResolver(NodeResolver.of(List.of(NodeResolutionRule.hostnameAnnotation(), broken)))
        .build();
    PersistentVolume withAffinity = volumeFor("data").addRequiredNodeAffinity(hostnameTerm("w")).build();

    Decision decision = custom.plan(ClusterSnapshot.of(
        List.of(boundClaim("data", READ_WRITE_ONCE).build()), List.of(withAffinity), List.of())).decisions().get(0);

    assertThat(decision.reason()).isEqualTo(DecisionReason.NO_NODE);
    assertThat(decision.message()).contains("\"broken\"", "boom");
  }

  @Test
  void decisionsAreSortedByNamespaceThenKindThenName() {
    ClusterSnapshot snapshot = ClusterSnapshot.of(
        List.of(boundClaim("b", READ_WRITE_MANY).build(), boundClaim("a", READ_WRITE_MANY).namespace("zoo").build()),
        List.of(volumeFor("b").build(), volumeFor("a").build()),
        List.of(runningPod("a-pod", "n").putAnnotations(K8upAnnotations.BACKUP_COMMAND, "dump").build()));

    assertThat(planner.plan(snapshot).decisions()).extracting(Decision::subject).containsExactly(
        Subject.claim(NAMESPACE, "b"), Subject.pod(NAMESPACE, "a-pod"), Subject.claim("zoo", "a"));
  }

  private Decision decide(Claim claim, Pod... pods) {
    List<PersistentVolume> volumes = List.of(PersistentVolume.builder().name(claim.volumeName().orElseThrow()).build());
    return planner.plan(ClusterSnapshot.of(List.of(claim), volumes, List.of(pods)))
        .decision(Subject.claim(claim.namespace(), claim.name()))
        .orElseThrow();
  }
}
