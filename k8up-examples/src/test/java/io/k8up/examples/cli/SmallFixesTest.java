package io.k8up.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The smaller first-contact fixes: durations, files without status, a server URL that is not an API server. */
@Timeout(60)
class SmallFixesTest {

  @TempDir Path dir;

  @Test
  void durationsAreWrittenAsKubectlWritesThem() {
    assertThat(DurationText.of(Duration.ofMinutes(90))).isEqualTo("1h30m");
    assertThat(DurationText.of(Duration.ofSeconds(125))).isEqualTo("2m5s");
    assertThat(DurationText.of(Duration.ofHours(2))).isEqualTo("2h");
    assertThat(DurationText.of(Duration.ofMillis(400))).isEqualTo("0s");
  }

  @Test
  void claimsWithoutStatusGetOneNoteAskingHowTheFileWasMade() throws IOException {
    Path file = dir.resolve("hand-written.yaml");
    StringBuilder yaml = new StringBuilder();
    for (String name : new String[] {"a", "b", "c"}) {
      yaml.append("apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: ").append(name)
          .append(", namespace: shop}\nspec: {accessModes: [ReadWriteOnce], volumeName: pv-").append(name)
          .append("}\n---\n");
    }
    Files.writeString(file, yaml.toString());

    CliRun run = CliRun.of("plan", "--cluster-file", file.toString());

    assertThat(run.err().lines().filter(line -> line.contains("status.phase"))).singleElement().asString()
        .isEqualTo("note: 3 of 3 claims have no status.phase, so none of them is taken as Bound: was the file"
            + " exported with kubectl get -o yaml?");
  }

  @Test
  void aServerThatDoesNotServeVersionIsSaidToBeTheWrongUrl() throws Exception {
    HttpServer notKubernetes = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    notKubernetes.createContext("/", exchange -> {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
    });
    notKubernetes.start();
    String server = "http://127.0.0.1:" + notKubernetes.getAddress().getPort();
    try {
      CliRun run = CliRun.of("plan", "--kubeconfig", TestKubeconfig.write(dir, server, "t").toString());

      assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
      assertThat(run.err()).isEqualTo("k8up-rwo: The server at " + server + " answered 404 Not Found to GET"
          + " /version, which every Kubernetes API server serves: check the server URL of the kubeconfig's cluster.\n");
    } finally {
      notKubernetes.stop(0);
    }
  }
}
