package io.k8up.core.plan;

import static io.k8up.core.model.AccessMode.READ_WRITE_ONCE;
import static io.k8up.core.testing.Fixtures.NAMESPACE;
import static io.k8up.core.testing.Fixtures.annotation;
import static io.k8up.core.testing.Fixtures.boundClaim;
import static io.k8up.core.testing.Fixtures.hostnameTerm;
import static io.k8up.core.testing.Fixtures.runningPod;
import static io.k8up.core.testing.Fixtures.volumeFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.k8up.core.model.ClaimPhase;
import io.k8up.core.model.CommandTarget;
import io.k8up.core.model.Placement;
import io.k8up.core.snapshot.ClusterSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The eight acceptance criteria of the K8up issue, one named scenario each. */
class AcceptanceCriteriaTest {

  private final BackupPlanner planner = BackupPlanner.builder().build();

  @Test
  void criterion1_boundRwoClaimAnnotatedBackupFalseIsSkipped() {
    ClusterSnapshot snapshot = ClusterSnapshot.of(
        List.of(boundClaim("data", READ_WRITE_ONCE).annotations(annotation("k8up.io/backup", "false")).build()),
        List.of(volumeFor("data").build()),
        List.of(runningPod("app-0", "worker-1", "data").build()));

    Decision decision = decisionFor(snapshot, "data");

    assertThat(decision.action()).isEqualTo(Action.SKIP);
    assertThat(decision.reason()).isEqualTo(DecisionReason.OPTED_OUT);
    assertThat(decision.message()).contains("k8up.io/backup");
  }

  @Test
  void criterion2_rwoClaimThatIsNotBoundIsSkipped() {
    ClusterSnapshot snapshot = ClusterSnapshot.of(
        List.of(boundClaim("data", READ_WRITE_ONCE).phase(ClaimPhase.PENDING).volumeName("").build()),
        List.of(),
        List.of());

    Decision decision = decisionFor(snapshot, "data");

    assertThat(decision.action()).isEqualTo(Action.SKIP);
    assertThat(decision.reason()).isEqualTo(DecisionReason.NOT_BOUND);
  }

  @Test
  void criterion3_mountedRwoClaimIsBackedUpOnTheNodeOfItsPod() {
    ClusterSnapshot snapshot = ClusterSnapshot.of(
        List.of(boundClaim("data", READ_WRITE_ONCE).build()),
        List.of(volumeFor("data").build()),
        List.of(runningPod("app-0", "worker-2", "data").build()));

    Decision decision = decisionFor(snapshot, "data");

    assertThat(decision.action()).isEqualTo(Action.BACKUP);
    assertThat(decision.reason()).isEqualTo(DecisionReason.MOUNTING_POD);
    assertThat(decision.claimTarget().orElseThrow().placement()).isEqualTo(Placement.onPodNode("worker-2", false));
    assertThat(decision.claimTarget().orElseThrow().mountingPods()).containsExactly("app-0");
  }

  @Test
  void criterion4_mountingPodWithBackupCommandBacksTheClaimUpThroughItsCommand() {
    ClusterSnapshot snapshot = ClusterSnapshot.of(
        List.of(boundClaim("data", READ_WRITE_ONCE).build()),
        List.of(volumeFor("data").build()),
        List.of(runningPod("db-0", "worker-1", "data")
            .putAnnotations("k8up.io/backupcommand", "mysqldump --all-databases")
            .putAnnotations("k8up.io/file-extension", ".sql")
            .build()));

    BackupPlan plan = planner.plan(snapshot);

    Decision claim = plan.decision(Subject.claim(NAMESPACE, "data")).orElseThrow();
    assertThat(claim.action()).isEqualTo(Action.SKIP);
    assertThat(claim.reason()).isEqualTo(DecisionReason.BACKUP_COMMAND);
    assertThat(claim.message()).contains("db-0");
    Decision pod = plan.decision(Subject.pod(NAMESPACE, "db-0")).orElseThrow();
    assertThat(pod.action()).isEqualTo(Action.BACKUP);
    assertThat(pod.reason()).isEqualTo(DecisionReason.BACKUP_COMMAND);
    CommandTarget command = (CommandTarget) pod.target().orElseThrow();
    assertThat(command.command()).isEqualTo("mysqldump --all-databases");
    assertThat(command.container()).isEqualTo("app");
    assertThat(command.fileExtension()).contains(".sql");
    assertThat(command.node()).contains("worker-1");
  }

  @Test
  void criterion5_unmountedRwoClaimWithoutHintFailsAndSaysHowToFixIt() {
    ClusterSnapshot snapshot = ClusterSnapshot.of(
        List.of(boundClaim("data", READ_WRITE_ONCE).build()), List.of(volumeFor("data").build()), List.of());

    Decision decision = decisionFor(snapshot, "data");

    assertThat(decision.action()).isEqualTo(Action.FAIL);
    assertThat(decision.reason()).isEqualTo(DecisionReason.NO_NODE);
    assertThat(decision.target()).isEmpty();
    assertThat(decision.message()).contains("pod that mounts", "nodeAffinity", "k8up.io/hostname");
  }

  @Test
  void criterion6_unmountedRwoClaimIsPlacedByItsVolumesNodeAffinity() {
    ClusterSnapshot snapshot = ClusterSnapshot.of(
        List.of(boundClaim("data", READ_WRITE_ONCE).build()),
        List.of(volumeFor("data").addRequiredNodeAffinity(hostnameTerm("worker-3")).build()),
        List.of());

    Decision decision = decisionFor(snapshot, "data");

    assertThat(decision.action()).isEqualTo(Action.BACKUP);
    assertThat(decision.reason()).isEqualTo(DecisionReason.PV_NODE_AFFINITY);
    assertThat(decision.claimTarget().orElseThrow().placement())
        .isEqualTo(Placement.byNodeAffinity(List.of(hostnameTerm("worker-3"))));
  }

  @Test
  void criterion7_unmountedRwoClaimIsPlacedByTheHostnameAnnotation() {
    ClusterSnapshot snapshot = ClusterSnapshot.of(
        List.of(boundClaim("data", READ_WRITE_ONCE).annotations(annotation("k8up.io/hostname", "worker-4")).build()),
        List.of(volumeFor("data").build()),
        List.of());

    Decision decision = decisionFor(snapshot, "data");

    assertThat(decision.action()).isEqualTo(Action.BACKUP);
    assertThat(decision.reason()).isEqualTo(DecisionReason.HOSTNAME_ANNOTATION);
    assertThat(decision.claimTarget().orElseThrow().placement()).isEqualTo(Placement.onHostname("worker-4"));
  }

  @Test
  void criterion8_volumeNodeAffinityWinsOverTheHostnameAnnotation() {
    ClusterSnapshot snapshot = ClusterSnapshot.of(
        List.of(boundClaim("data", READ_WRITE_ONCE).annotations(annotation("k8up.io/hostname", "worker-4")).build()),
        List.of(volumeFor("data").addRequiredNodeAffinity(hostnameTerm("worker-3")).build()),
        List.of());

    Decision decision = decisionFor(snapshot, "data");

    assertThat(decision.reason()).isEqualTo(DecisionReason.PV_NODE_AFFINITY);
    assertThat(decision.claimTarget().orElseThrow().placement())
        .isEqualTo(Placement.byNodeAffinity(List.of(hostnameTerm("worker-3"))));
    assertThat(decision.message()).contains("ignored", "worker-4");
  }

  private Decision decisionFor(ClusterSnapshot snapshot, String claim) {
    return planner.plan(snapshot).decision(Subject.claim(NAMESPACE, claim)).orElseThrow();
  }
}
