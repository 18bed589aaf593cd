package io.k8up.examples.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableMap;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Nodes that change under a run: cordoned, or deleted with the backup pod on it. A placement gone
 * stale is planned again from a fresh read; a claim is never reported {@code BACKUP_FAILED} for
 * what happened to its node.
 */
@EnabledIfEnvironmentVariable(named = LiveLab.KUBECONFIG_VARIABLE, matches = ".+")
@Timeout(720)
class NodeChangeLiveCheck {

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

  /**
   * Three claims mounted on node a, one backup at a time there; a is cordoned while the first
   * runs, and the pod of a second claim moves to node b (as its controller would recreate it). The
   * second is re-planned to b; the third, still on the cordoned node, fails after one refused
   * placement, not three.
   */
  @Test
  void aNodeCordonedMidRunIsPlannedAround() throws Exception {
    lab = LiveLab.open("cordon");
    String a = lab.node("a");
    String b = lab.node("b");
    List<String> claims = List.of("one", "two", "three");
    claims.forEach(claim -> lab.claimMountedBy(claim, "ReadWriteOnce", a));
    Path dir = lab.workDir();
    try (FakeKubelet kubelet = FakeKubelet.start(lab, dir, "kubelet", Duration.ofSeconds(6), false)) {
      lab.awaitReady();
      run = CliProcess.run(lab, dir, "run", "--run-id", "cordon", "--max-per-node", "1", "--timeout", "4m",
          "--unschedulable-timeout", "15s");
      String first = kubelet.awaitBackupStarted(Duration.ofMinutes(2)).claims().get(0);
      lab.kubectl().run("cordon", a);
      List<String> waiting = claims.stream().filter(claim -> !claim.equals(first)).sorted().toList();
      String moved = waiting.get(0);
      String stuck = waiting.get(1);
      lab.kubectl().run("delete", "pod", "app-" + moved, "-n", lab.namespace(), "--grace-period=0", "--force");
      lab.appPod("app-" + moved + "-moved", moved, b);

      assertThat(run.awaitExit(Duration.ofMinutes(5))).as("the run ended").isTrue();

      ImmutableMap<String, String> outcomes = run.outcomes();
      assertThat(outcomes).as(run.transcript())
          .containsEntry(first, "SUCCEEDED/BACKED_UP")
          .containsEntry(moved, "SUCCEEDED/BACKED_UP");
      assertThat(outcomes.get(stuck)).as(run.transcript()).startsWith("FAILED/").isNotEqualTo("FAILED/BACKUP_FAILED");
      assertThat(run.progress()).contains(" RETRIED ");
      assertThat(kubelet.events()).filteredOn(KubeletEvent::startsBackup)
          .filteredOn(event -> event.claims().contains(moved)).extracting(KubeletEvent::node).containsExactly(b);
      assertThat(lab.leftovers("cordon")).isEmpty();
    }
  }

  /**
   * A claim's backup runs on node c, which is deleted with its kubelet; the claim's pod is recreated
   * on node d. The backup pod, garbage-collected with its node, makes the unit stale: re-planned to
   * d, it succeeds.
   */
  @Test
  void aNodeDeletedUnderItsBackupIsPlannedAround() throws Exception {
    lab = LiveLab.open("gone");
    String c = lab.node("c");
    String d = lab.node("d");
    lab.claimMountedBy("data", "ReadWriteOnce", c);
    Path dir = lab.workDir();
    FakeKubelet before = FakeKubelet.start(lab, dir, "kubelet-before", Duration.ofMinutes(10), false);
    try {
      lab.awaitReady();
      run = CliProcess.run(lab, dir, "run", "--run-id", "gone", "--timeout", "6m", "--unschedulable-timeout", "30s");
      String backupPod = before.awaitBackupStarted(Duration.ofMinutes(2)).pod();
      before.close();
      lab.kubectl().run("delete", "node", c);
      lab.kubectl().run("delete", "pod", "app-data", "-n", lab.namespace(), "--grace-period=0", "--force");
      lab.appPod("app-data-moved", "data", d);
      lab.markRunning("app-data-moved");
      // Only once the pod garbage collector took the orphaned backup pod may a kubelet run again:
      // it would otherwise finish that pod, on a node that no longer exists.
      lab.awaitGone("pod", backupPod, Duration.ofMinutes(3));
    } finally {
      before.close();
    }
    try (FakeKubelet after = FakeKubelet.start(lab, dir, "kubelet-after", Duration.ofSeconds(3), false)) {
      assertThat(run.awaitExit(Duration.ofMinutes(5))).as("the run ended").isTrue();

      assertThat(run.outcomes()).as(run.transcript()).containsEntry("data", "SUCCEEDED/BACKED_UP");
      assertThat(run.progress()).contains(" RETRIED ");
      assertThat(after.events()).filteredOn(KubeletEvent::startsBackup).extracting(KubeletEvent::node)
          .containsExactly(d);
      assertThat(lab.leftovers("gone")).isEmpty();
    }
  }
}
