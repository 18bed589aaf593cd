package io.k8up.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.k8up.core.testing.MockApiServer;
import io.kubernetes.client.openapi.apis.BatchV1Api;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code k8up-rwo run} as a process, ended by a termination signal while its Job runs: it deletes
 * the Job, prints its report and exits with the report's code, well before the cleanup grace runs
 * out (the JVM's shutdown hook and {@code System.exit} once waited for each other for the whole grace).
 */
@Timeout(90)
class SignalExitTest {

  @RegisterExtension final MockApiServer api = new MockApiServer();
  @TempDir Path dir;

  @Test
  void aSignalEndsTheRunWithTheReportsExitCodeOnceItCleanedUp() throws Exception {
    LiveCluster.mountedClaim(api.client());
    Path kubeconfig = TestKubeconfig.write(dir, api.baseUrl(), "t");
    Path javaBinary = Paths.get(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(List.of(javaBinary.toString(), "-cp", System.getProperty("java.class.path"),
        K8upRwoCommand.class.getName(), "run", "--kubeconfig", kubeconfig.toString(), "--run-id", "signalled",
        "-o", "json"))
        .redirectError(dir.resolve("stderr").toFile())
        .redirectOutput(dir.resolve("stdout").toFile())
        .start();
    BatchV1Api batch = new BatchV1Api(api.client());
    // No Job controller: the Job runs until the signal.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
    while (batch.listNamespacedJob("team-a").execute().getItems().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(batch.listNamespacedJob("team-a").execute().getItems()).as("the run created its Job").hasSize(1);

    process.destroy();

    // Well within the cleanup grace, which a process that waits for it would use up.
    assertThat(process.waitFor(InterruptibleRun.CLEANUP_GRACE.toSeconds() / 2, TimeUnit.SECONDS))
        .as("the process ended before half the cleanup grace").isTrue();
    String stderr = Files.readString(dir.resolve("stderr"));
    assertThat(process.exitValue()).as(stderr).isEqualTo(ExitCodes.FAILED_DECISIONS);
    JsonObject report = JsonParser.parseString(Files.readString(dir.resolve("stdout"))).getAsJsonObject();
    assertThat(report.get("interrupted").getAsBoolean()).isTrue();
    assertThat(report.getAsJsonArray("outcomes").get(0).getAsJsonObject().get("status").getAsString())
        .isEqualTo("NOT_RUN");
    assertThat(batch.listNamespacedJob("team-a").execute().getItems()).as("the Job was deleted").isEmpty();
  }
}
