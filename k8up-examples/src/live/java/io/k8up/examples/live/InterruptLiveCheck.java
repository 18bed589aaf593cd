package io.k8up.examples.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A run interrupted by SIGINT (Ctrl-C) or SIGTERM while its backups run: it deletes what it
 * created, prints its report and exits with the report's code, well within the cleanup grace.
 */
@EnabledIfEnvironmentVariable(named = LiveLab.KUBECONFIG_VARIABLE, matches = ".+")
@Timeout(300)
class InterruptLiveCheck {

  // Half the CLI's cleanup grace (60 s): a process that waits the grace out ends later than this.
  private static final Duration PROMPT = Duration.ofSeconds(30);

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

  @ParameterizedTest(name = "SIG{0}")
  @ValueSource(strings = {"INT", "TERM"})
  void aSignalledRunCleansUpAndExitsWithItsReportsCode(String signal) throws Exception {
    lab = LiveLab.open("sig" + signal.toLowerCase(Locale.ROOT));
    String a = lab.node("a");
    lab.node("b");
    lab.claimMountedBy("mounted", "ReadWriteOnce", a);
    lab.sharedClaim("shared");
    lab.snapshotClaim("snap");
    Path dir = lab.workDir();
    // The backups outlast the check: the signal always comes while they run.
    try (FakeKubelet kubelet = FakeKubelet.start(lab, dir, "kubelet", Duration.ofMinutes(10), true)) {
      lab.awaitReady();
      run = CliProcess.run(lab, dir, "run", "--run-id", "cut", "--max-per-node", "1", "--timeout", "4m",
          "--strategy-order", "job-per-pvc,ephemeral-container,csi-snapshot");
      kubelet.awaitBackupStarted(Duration.ofMinutes(2));

      run.signal(signal);

      assertThat(run.awaitExit(PROMPT)).as("the run ended within %s s of SIG%s", PROMPT.toSeconds(), signal).isTrue();
      assertThat(run.exitCode()).as(run.transcript()).isEqualTo(2);
      JsonObject report = run.report();
      assertThat(report.get("interrupted").getAsBoolean()).isTrue();
      assertThat(report.getAsJsonArray("leftovers")).isEmpty();
      assertThat(run.outcomes().values()).as(run.transcript()).hasSize(3).allMatch(o -> o.startsWith("NOT_RUN/"));
      assertThat(lab.leftovers("cut")).as("what the run created, once it exited").isEmpty();
    }
  }
}
