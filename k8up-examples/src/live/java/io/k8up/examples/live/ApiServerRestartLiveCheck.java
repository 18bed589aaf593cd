package io.k8up.examples.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableSetMultimap;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The API server stopped for a few seconds and started again while backups run
 * ({@code controlplane.sh restart-apiserver}): the run retries, ends with every claim backed up,
 * and no claim gets a second Job.
 */
@EnabledIfEnvironmentVariable(named = LiveLab.KUBECONFIG_VARIABLE, matches = ".+")
@Timeout(720)
class ApiServerRestartLiveCheck {

  private static final String DOWN_SECONDS = "5";

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

  @Test
  void aRunRidesOutAnApiServerRestart() throws Exception {
    lab = LiveLab.open("apiserver");
    String a = lab.node("a");
    String b = lab.node("b");
    // A node nothing is pinned to: without it the shared claim's backup, started beside the pinned
    // ones, meets bug 2 of docs/live-checks.md, which is not what this check is about.
    lab.node("c");
    lab.claimMountedBy("mounted-a1", "ReadWriteOnce", a);
    lab.claimMountedBy("mounted-a2", "ReadWriteOnce", a);
    lab.claimMountedBy("mounted-b", "ReadWriteOnce", b);
    lab.sharedClaim("shared");
    Path dir = lab.workDir();
    try (FakeKubelet kubelet = FakeKubelet.start(lab, dir, "kubelet", Duration.ofSeconds(8), false)) {
      lab.awaitReady();
      run = CliProcess.run(lab, dir, "run", "--run-id", "restart", "--max-per-node", "1", "--timeout", "4m");
      kubelet.awaitBackupStarted(Duration.ofMinutes(2));

      Process restart = new ProcessBuilder(LiveLab.labFile("controlplane.sh").toString(), "restart-apiserver",
          DOWN_SECONDS).redirectErrorStream(true).redirectOutput(dir.resolve("restart.out").toFile()).start();
      assertThat(restart.waitFor(3, TimeUnit.MINUTES)).as("the API server restarted").isTrue();
      assertThat(restart.exitValue()).as("controlplane.sh restart-apiserver; see " + dir).isZero();

      assertThat(run.awaitExit(Duration.ofMinutes(5))).as("the run ended").isTrue();
      List<KubeletEvent> events = kubelet.events();
      assertThat(run.exitCode()).as(run.transcript()).isZero();
      assertThat(run.outcomes().values()).as(run.transcript()).hasSize(4).allMatch(o -> o.startsWith("SUCCEEDED/"));
      ImmutableSetMultimap.Builder<String, String> jobsByClaim = ImmutableSetMultimap.builder();
      events.stream().filter(event -> event.event().equals("running") && event.job())
          .forEach(event -> event.claims().forEach(claim -> jobsByClaim.putAll(claim, event.owners())));
      assertThat(jobsByClaim.build().asMap()).as("Jobs per claim; log in " + dir).hasSize(4)
          .allSatisfy((claim, jobs) -> assertThat(jobs).as(claim).hasSize(1));
      assertThat(lab.leftovers("restart")).isEmpty();
    }
  }
}
