package io.k8up.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
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
        List.of("plan"), List.of("explain", "data"), List.of("manifests"), List.of("run"), List.of("sweep"))) {
      List<String> command = new java.util.ArrayList<>(args);
      command.addAll(List.of("--kubeconfig", kubeconfig));

      CliRun run = CliRun.of(command.toArray(String[]::new));

      assertThat(run.exitCode()).as("%s", args).isEqualTo(ExitCodes.INPUT_ERROR);
      assertThat(run.err().lines()).as("%s", args).singleElement().satisfies(line -> assertThat(line).startsWith(expected));
      assertThat(run.out()).as("%s", args).isEmpty();
    }
  }
}
