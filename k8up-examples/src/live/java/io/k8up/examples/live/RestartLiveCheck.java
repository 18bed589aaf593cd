package io.k8up.examples.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableSetMultimap;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * A run killed outright (SIGKILL) while its backups run, then started again with the same run id:
 * the second process adopts what the first created, and no claim gets a second Job, pod or
 * VolumeSnapshot.
 */
@EnabledIfEnvironmentVariable(named = LiveLab.KUBECONFIG_VARIABLE, matches = ".+")
@Timeout(600)
class RestartLiveCheck {

  private LiveLab lab;
  private CliProcess first;
  private CliProcess second;

  @AfterEach
  void cleanUp() throws InterruptedException {
    for (CliProcess run : new CliProcess[] {first, second}) {
      if (run != null) {
        run.stop();
      }
    }
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void aKilledRunStartedAgainWithItsRunIdAdoptsWhatItCreated() throws Exception {
    lab = LiveLab.open("restart");
    String a = lab.node("a");
    String b = lab.node("b");
    lab.node("c");
    // A node for each scheduler-placed unit, and the Nodes read: every unit starts at once, so that
    // the kill finds each at some stage, not some already done (a unit a killed process finished
    // and cleaned up is backed up again by the next, rightly, and would make the count depend on timing).
    lab.node("d");
    lab.claimMountedBy("mounted-a", "ReadWriteOnce", a);
    lab.claimMountedBy("mounted-b", "ReadWriteOnce", b);
    lab.claimOnLocalVolume("local-b", b);
    lab.sharedClaim("shared");
    lab.snapshotClaim("snap");
    Path dir = lab.workDir();
    String[] options = {"--run-id", "again", "--read-nodes", "--max-per-node", "1", "--max-concurrent", "4",
        "--timeout", "4m",
        "--strategy-order", "job-per-pvc,ephemeral-container,csi-snapshot"};
    try (FakeKubelet kubelet = FakeKubelet.start(lab, dir, "kubelet", Duration.ofSeconds(45), true)) {
      lab.awaitReady();
      first = CliProcess.run(lab, dir, "first", options);
      // Killed once the snapshot is ready: Jobs run or have finished, and the csi-snapshot unit is
      // between its two steps, so the second process adopts units at every stage.
      kubelet.await(event -> event.event().equals("snapshot-ready"), "the VolumeSnapshot was not made ready",
          Duration.ofMinutes(2));
      first.kill();
      second = CliProcess.run(lab, dir, "second", options);

      assertThat(second.awaitExit(Duration.ofMinutes(6))).as("the second run ended").isTrue();
      List<KubeletEvent> events = kubelet.events();

      assertThat(second.exitCode()).as(second.transcript()).isZero();
      assertThat(second.outcomes().values()).as(second.transcript()).hasSize(5)
          .allMatch(o -> o.startsWith("SUCCEEDED/"));
      assertThat(second.progress()).contains(" ADOPTED ");
      ImmutableSetMultimap.Builder<String, String> jobsByClaim = ImmutableSetMultimap.builder();
      ImmutableSetMultimap.Builder<String, String> podsByClaim = ImmutableSetMultimap.builder();
      ImmutableSetMultimap.Builder<String, String> snapshotsByClaim = ImmutableSetMultimap.builder();
      for (KubeletEvent event : events) {
        if (event.event().equals("running") && event.job()) {
          event.claims().forEach(claim -> jobsByClaim.putAll(claim, event.owners()));
          event.claims().forEach(claim -> podsByClaim.put(claim, event.pod()));
        } else if (event.event().equals("snapshot-ready")) {
          snapshotsByClaim.put(event.source(), event.snapshot());
        }
      }
      assertThat(events).as("backup pods that ran; log in " + dir)
          .filteredOn(event -> event.event().equals("running") && event.job()).hasSize(5);
      assertThat(jobsByClaim.build().asMap()).as("Jobs per claim; log in " + dir)
          .allSatisfy((claim, jobs) -> assertThat(jobs).as(claim).hasSize(1));
      assertThat(podsByClaim.build().asMap()).as("pods per claim")
          .allSatisfy((claim, pods) -> assertThat(pods).as(claim).hasSize(1));
      assertThat(snapshotsByClaim.build().get("snap")).as("VolumeSnapshots of claim snap").hasSize(1);
      assertThat(lab.leftovers("again")).isEmpty();
    }
  }
}
