package io.k8up.core.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.k8up.core.model.AccessMode;
import io.k8up.core.model.Claim;
import io.k8up.core.model.ClusterCapabilities;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.model.Pod;
import io.k8up.core.plan.Action;
import io.k8up.core.plan.BackupPlan;
import io.k8up.core.plan.BackupPlanner;
import io.k8up.core.plan.Decision;
import io.k8up.core.plan.Subject;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.testing.ClusterGenerators;
import io.k8up.core.testing.GeneratedCluster;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The restore planner's rules, as properties over generated clusters: restores are placed as
 * backups are, a claim in use is restored only when the user says so, and a held ReadWriteOncePod
 * claim only through the pod that holds it. Each property also counts the claims it checked, so
 * that it cannot pass by never meeting its situation.
 */
class RestorePlannerPropertiesTest {

  private static final int EXAMPLES = 400;
  private static final int MIN_SITUATIONS = 10;
  /** Restore reasons with no backup counterpart: what a backup can read, a restore may be unable to write. */
  private static final Set<RestoreReason> RESTORE_ONLY_FAILURES =
      Set.of(RestoreReason.READ_ONLY, RestoreReason.HOLDER_NOT_RUNNING);

  private final RestorePlanner planner = RestorePlanner.builder().build();
  private final BackupPlanner backups = BackupPlanner.builder().build();
  private final Gen<GeneratedCluster> clusters = ClusterGenerators.clusters();

  @Test
  void restoreIsPlacedWhereABackupOfTheSameClaimIs() {
    AtomicInteger placed = new AtomicInteger();
    forEveryClaim(claim -> backupAnnotationLetsThrough(claim), (snapshot, claim) -> {
      Decision backup = backupDecision(snapshot, claim);
      RestoreDecision restore = restore(snapshot, claim, true);
      if (restore.action() == RestoreAction.RESTORE) {
        assertThat(backup.action()).as(restore.message()).isEqualTo(Action.BACKUP);
        assertThat(restore.target().orElseThrow().placement())
            .isEqualTo(backup.claimTarget().orElseThrow().placement());
        placed.incrementAndGet();
      } else if (backup.action() == Action.BACKUP) {
        assertThat(restore.reason()).as(restore.message()).isIn(RESTORE_ONLY_FAILURES);
      }
    });
    assertThat(placed.get()).isGreaterThanOrEqualTo(MIN_SITUATIONS);
  }

  @Test
  void claimInUseIsNeverRestoredWithoutTheInUseOption() {
    forEveryClaim(claim -> true, (snapshot, claim) -> {
      boolean inUse = !holders(snapshot, claim).isEmpty();
      RestoreDecision restore = restore(snapshot, claim, false);
      if (inUse) {
        assertThat(restore.action()).isEqualTo(RestoreAction.FAIL);
        assertThat(restore.reason()).isEqualTo(RestoreReason.IN_USE);
        assertThat(restore.message()).contains("Scale the workload down", "--to NAME", "in-use option");
      } else {
        assertThat(restore.reason()).isNotEqualTo(RestoreReason.IN_USE);
      }
    });
  }

  @Test
  void heldReadWriteOncePodClaimIsRestoredOnlyThroughThePodThatHoldsIt() {
    AtomicInteger throughPod = new AtomicInteger();
    forEveryClaim(claim -> claim.accessModes().contains(AccessMode.READ_WRITE_ONCE_POD), (snapshot, claim) -> {
      List<String> holders = holders(snapshot, claim).stream().map(Pod::name).toList();
      if (holders.isEmpty()) {
        return;
      }
      RestoreDecision restore = restore(snapshot, claim, true);
      if (restore.action() == RestoreAction.RESTORE) {
        RestoreTarget target = restore.target().orElseThrow();
        assertThat(target.method()).isEqualTo(RestoreMethod.EPHEMERAL_CONTAINER);
        assertThat(target.holdingPod().orElseThrow()).isIn(holders);
        throughPod.incrementAndGet();
      }
      ClusterSnapshot withoutEphemeral = snapshot.withCapabilities(ClusterCapabilities.builder()
          .version("v1.24.3").addServedResources("pods").build());
      assertThat(restore(withoutEphemeral, claim, true).action()).isEqualTo(RestoreAction.FAIL);
    });
    assertThat(throughPod.get()).isGreaterThanOrEqualTo(MIN_SITUATIONS);
  }

  @Test
  void planDoesNotDependOnTheOrderOfTheSnapshotsObjects() {
    qt().withExamples(EXAMPLES).forAll(clusters).checkAssert(cluster -> {
      List<RestoreRequest> requests = cluster.claims().stream()
          .map(claim -> request(claim, true))
          .toList();
      assertThat(planner.plan(cluster.shuffledSnapshot(), List.of(), requests))
          .isEqualTo(planner.plan(cluster.snapshot(), List.of(), requests));
    });
  }

  private void forEveryClaim(Predicate<Claim> situation, BiConsumer<ClusterSnapshot, Claim> check) {
    qt().withExamples(EXAMPLES).forAll(clusters).checkAssert(cluster -> {
      ClusterSnapshot snapshot = cluster.snapshot();
      cluster.claims().stream().filter(situation).forEach(claim -> check.accept(snapshot, claim));
    });
  }

  private RestoreDecision restore(ClusterSnapshot snapshot, Claim claim, boolean inUse) {
    return planner.plan(snapshot, List.of(), List.of(request(claim, inUse))).decisions().get(0);
  }

  private Decision backupDecision(ClusterSnapshot snapshot, Claim claim) {
    BackupPlan plan = backups.plan(snapshot);
    return plan.decision(Subject.claim(claim.namespace(), claim.name())).orElseThrow();
  }

  private static RestoreRequest request(Claim claim, boolean inUse) {
    return RestoreRequest.builder().namespace(claim.namespace()).claim(claim.name()).inUse(inUse).build();
  }

  /** Backups honour {@code k8up.io/backup}; restores do not, so only claims it lets through compare. */
  private static boolean backupAnnotationLetsThrough(Claim claim) {
    String value = claim.annotations().get(K8upAnnotations.BACKUP);
    return value == null || value.equalsIgnoreCase("true");
  }

  /** The pods that hold the claim, worked out here apart from the planner: scheduled, alive, not ours. */
  private static List<Pod> holders(ClusterSnapshot snapshot, Claim claim) {
    return snapshot.pods().stream()
        .filter(pod -> pod.namespace().equals(claim.namespace()))
        .filter(pod -> pod.claimVolumes().stream().anyMatch(volume -> volume.claimName().equals(claim.name())))
        .filter(pod -> pod.nodeName().isPresent() && !pod.deleting() && !pod.phase().isTerminated())
        .filter(pod -> !K8upAnnotations.MANAGED_BY_VALUE.equals(pod.labels().get(K8upAnnotations.MANAGED_BY_LABEL)))
        .collect(Collectors.toList());
  }
}
