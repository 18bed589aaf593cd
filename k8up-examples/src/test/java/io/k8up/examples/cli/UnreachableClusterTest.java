package io.k8up.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every command says "cannot reach the cluster" in the same words, with the same exit code. */
@Timeout(60)
class UnreachableClusterTest {

  @TempDir Path dir;

  @Test
  void everyCommandSaysTheSameLineAndExitsWithOne() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String kubeconfig = TestKubeconfig.write(dir, "http://127.0.0.1:" + port, "t").toString();
    String expected = "k8up-rwo: Cannot reach the cluster: no answer from the API server at http://127.0.0.1:" + port;

    for (List<String> args : List.of(
        List.of("plan"), List.of("explain", "data"), List.of("manifests"), List.of("run"), List.of("sweep"),
        List.of("restore", "-n", "team-a", "data"))) {
      List<String> command = new ArrayList<>(args);
      command.addAll(List.of("--kubeconfig", kubeconfig));

      CliRun run = CliRun.of(command.toArray(String[]::new));

      assertThat(run.exitCode()).as("%s", args).isEqualTo(ExitCodes.INPUT_ERROR);
      assertThat(run.err().lines()).as("%s", args).singleElement().satisfies(line -> assertThat(line).startsWith(expected));
      assertThat(run.out()).as("%s", args).isEmpty();
    }
  }

  @Test
  void aServerThatStopsAnsweringAfterTheProbeIsSaidInTheSameWordsWithTheSameExitCode() throws IOException {
    try (VersionOnlyServer server = new VersionOnlyServer(Duration.ZERO)) {
      String kubeconfig = TestKubeconfig.write(dir, server.url(), "t").toString();
      String expected = "k8up-rwo: Cannot reach the cluster: no answer from the API server at " + server.url() + " (";

      for (List<String> args : List.of(
          List.of("plan"), List.of("explain", "data"), List.of("manifests"), List.of("run"), List.of("sweep"),
          List.of("restore", "-n", "team-a", "data"), List.of("plan", "-A"), List.of("sweep", "-A"))) {
        List<String> command = new ArrayList<>(args);
        command.addAll(List.of("--kubeconfig", kubeconfig));

        CliRun run = CliRun.of(command.toArray(String[]::new));

        assertThat(run.exitCode()).as("%s", args).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(run.err().lines().reduce((first, second) -> second)).as("%s", args).hasValueSatisfying(
            line -> assertThat(line).startsWith(expected));
      }
    }
  }

  @Test
  void sweepStopsAtTheFirstUnansweredRequestAndSaysWhatWasNotSent() throws IOException {
    try (VersionOnlyServer server = new VersionOnlyServer(Duration.ZERO)) {
      CliRun run = CliRun.of("sweep", "--kubeconfig", TestKubeconfig.write(dir, server.url(), "t").toString());

      assertThat(run.out().lines()).contains(
          "failed  PersistentVolumeClaims in team-a: cannot reach the Kubernetes API server at " + server.url()
              + " to list persistentvolumeclaims in namespace team-a: IOException",
          "0 deleted, 0 kept, 3 failed, in 5 API requests.");
      assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    }
  }

  @Test
  void aRequestAfterTheProbeThatWaitsLongIsSaidOnStandardError() throws IOException {
    try (VersionOnlyServer server = new VersionOnlyServer(Duration.ofSeconds(4))) {
      CliRun run = CliRun.of("plan", "--kubeconfig", TestKubeconfig.write(dir, server.url(), "t").toString());

      assertThat(run.err()).startsWith("k8up-rwo: waiting for the API server at " + server.url()
          + " to answer GET /api/v1/namespaces/team-a/persistentvolumeclaims (a try gives up after 40s)\n");
      assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    }
  }

  @Test
  void aSlowServerIsSaidToBeWaitedForOnStandardError() throws IOException {
    HttpServer slow = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    slow.createContext("/", exchange -> {
      try {
        Thread.sleep(4_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.sendResponseHeaders(401, -1);
      exchange.close();
    });
    slow.start();
    String server = "http://127.0.0.1:" + slow.getAddress().getPort();
    try {
      CliRun run = CliRun.of("sweep", "--kubeconfig", TestKubeconfig.write(dir, server, "t").toString());

      assertThat(run.err()).startsWith("k8up-rwo: waiting for the API server at " + server
              + " to answer GET /version (a try gives up after 40s)\n")
          .contains("refused the kubeconfig's credentials (HTTP 401)");
    } finally {
      slow.stop(0);
    }
  }
}
