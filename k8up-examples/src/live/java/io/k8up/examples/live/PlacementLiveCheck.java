package io.k8up.examples.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every placement kind under {@code --max-per-node 1} on a real scheduler: pinned by the mounting
 * pod, by a PersistentVolume's node affinity, by {@code k8up.io/hostname}; placed by the scheduler
 * (a shared volume, a csi-snapshot temporary claim); an ephemeral container in a
 * ReadWriteOncePod claim's pod. The fake kubelet's log must show at most one backup per node at
 * every instant, and Pod Security "restricted" must admit every backup pod.
 */
@EnabledIfEnvironmentVariable(named = LiveLab.KUBECONFIG_VARIABLE, matches = ".+")
@Timeout(600)
class PlacementLiveCheck {

  private LiveLab lab;
  private CliProcess run;

  @AfterEach
  void cleanUp() throws InterruptedException {
    if (run != null) {
      run.stop();
    }
    if (lab != null) {
      lab.close();
    }
  }

  @ParameterizedTest(name = "--read-nodes {0}")
  @ValueSource(booleans = {false, true})
  void everyPlacementKindKeepsToOneBackupPerNode(boolean readNodes) throws Exception {
    lab = LiveLab.open(readNodes ? "place-nodes" : "place");
    String a = lab.node("a");
    String b = lab.node("b");
    String c = lab.node("c");
    lab.node("d");
    lab.claimMountedBy("mounted-1", "ReadWriteOnce", a);
    lab.claimMountedBy("mounted-2", "ReadWriteOnce", a);
    lab.claimMountedBy("single", "ReadWriteOncePod", a);
    lab.claimOnLocalVolume("local-1", b);
    lab.claimOnLocalVolume("local-2", b);
    lab.claimWithHostname("host-1", c);
    lab.claimWithHostname("host-2", c);
    lab.sharedClaim("shared-1");
    lab.sharedClaim("shared-2");
    lab.sharedClaim("shared-3");
    lab.snapshotClaim("snap-1");
    lab.snapshotClaim("snap-2");
    Path dir = lab.workDir();
    try (FakeKubelet kubelet = FakeKubelet.start(lab, dir, "kubelet", Duration.ofSeconds(4), true)) {
      lab.awaitReady();
      List<String> options = new ArrayList<>(List.of("--run-id", "place", "--max-per-node", "1",
          "--max-concurrent", "4", "--timeout", "4m", "--unschedulable-timeout", "45s",
          "--strategy-order", "job-per-pvc,ephemeral-container,csi-snapshot"));
      if (readNodes) {
        options.add("--read-nodes");
      }
      run = CliProcess.run(lab, dir, "run", options.toArray(String[]::new));

      assertThat(run.awaitExit(Duration.ofMinutes(6))).as("the run ended").isTrue();
      List<KubeletEvent> events = kubelet.events();

      assertThat(run.exitCode()).as(run.transcript()).isZero();
      assertThat(run.outcomes().values()).as(run.transcript()).hasSize(12).allMatch(o -> o.startsWith("SUCCEEDED/"));
      assertThat(events).as("backups that ran, one per claim").filteredOn(KubeletEvent::startsBackup).hasSize(12);
      assertThat(NodeOccupancy.mostAtOnce(events)).as("most backups at once per node; log in " + dir)
          .allSatisfy((node, most) -> assertThat(most).as(node).isEqualTo(1));
      assertThat(lab.podSecurityRejections()).as("Pod Security rejections").isEmpty();
      assertThat(lab.leftovers("place")).isEmpty();
    }
  }

  /**
   * Scheduler-placed backups outnumbering the nodes: two nodes, one with a pinned chain, and five
   * backups the scheduler places (three shared volumes, two csi-snapshot temporary claims). Each
   * must wait for a free node rather than join a busy one.
   */
  @ParameterizedTest(name = "--read-nodes {0}")
  @ValueSource(booleans = {false, true})
  void scheduledBackupsWaitForAFreeNode(boolean readNodes) throws Exception {
    lab = LiveLab.open(readNodes ? "busy-nodes" : "busy");
    String a = lab.node("a");
    lab.node("b");
    lab.claimMountedBy("mounted-1", "ReadWriteOnce", a);
    lab.claimMountedBy("mounted-2", "ReadWriteOnce", a);
    lab.sharedClaim("shared-1");
    lab.sharedClaim("shared-2");
    lab.sharedClaim("shared-3");
    lab.snapshotClaim("snap-1");
    lab.snapshotClaim("snap-2");
    Path dir = lab.workDir();
    try (FakeKubelet kubelet = FakeKubelet.start(lab, dir, "kubelet", Duration.ofSeconds(4), true)) {
      lab.awaitReady();
      List<String> options = new ArrayList<>(List.of("--run-id", "busy", "--max-per-node", "1",
          "--max-concurrent", "4", "--timeout", "5m", "--unschedulable-timeout", "45s",
          "--strategy-order", "job-per-pvc,ephemeral-container,csi-snapshot"));
      if (readNodes) {
        options.add("--read-nodes");
      }
      run = CliProcess.run(lab, dir, "run", options.toArray(String[]::new));

      assertThat(run.awaitExit(Duration.ofMinutes(6))).as("the run ended").isTrue();
      List<KubeletEvent> events = kubelet.events();

      assertThat(run.exitCode()).as(run.transcript()).isZero();
      assertThat(run.outcomes().values()).as(run.transcript()).hasSize(7).allMatch(o -> o.startsWith("SUCCEEDED/"));
      assertThat(NodeOccupancy.mostAtOnce(events)).as("most backups at once per node; log in " + dir)
          .allSatisfy((node, most) -> assertThat(most).as(node).isEqualTo(1));
      assertThat(lab.leftovers("busy")).isEmpty();
    }
  }
}
