package io.k8up.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import io.k8up.core.testing.MockApiServer;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code -n}, repeated or with commas, {@code -A}, and namespaces that have nothing to back up. */
@Timeout(60)
class NamespacesTest {

  @RegisterExtension final MockApiServer api = new MockApiServer();
  @TempDir Path dir;

  @Test
  void aFilesMistypedNamespaceIsSaidWithTheNamespacesItHas() {
    CliRun run = CliRun.of("plan", "--sample", "-n", "shpo");

    assertThat(run.err()).contains("note: namespace shpo has no claims and no pods in the file; its namespaces are:"
        + " blog, shop");
  }

  @Test
  void severalNamespacesWithCommasOrRepeated() {
    assertThat(namespaces(CliRun.of("plan", "--sample", "-n", "blog,shop", "-o", "json"))).containsOnly("blog", "shop");
    assertThat(namespaces(CliRun.of("plan", "--sample", "-n", "blog", "-n", "shop", "-o", "json")))
        .containsOnly("blog", "shop");
    assertThat(namespaces(CliRun.of("plan", "--sample", "-n", "blog", "-o", "json"))).containsOnly("blog");
    assertThat(namespaces(CliRun.of("plan", "--sample", "-A", "-o", "json"))).containsOnly("blog", "shop");
  }

  @Test
  void runInANamespaceThatDoesNotExistRunsNothingAndFails() throws Exception {
    new CoreV1Api(api.client()).createNamespace(new V1Namespace().apiVersion("v1").kind("Namespace").metadata(new V1ObjectMeta().name("team-a"))).execute();
    Path kubeconfig = TestKubeconfig.write(dir, api.baseUrl(), "t");

    CliRun run = CliRun.of("run", "--kubeconfig", kubeconfig.toString(), "-n", "team-a,team-x");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(run.err()).contains(
        "note: namespace team-a has no claims and no pods to back up; it exists",
        "note: namespace team-x has no claims and no pods to back up; it does not exist",
        "k8up-rwo: nothing was run: namespace team-x does not exist");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void planOnALiveNamespaceThatDoesNotExistSaysSo() throws Exception {
    Path kubeconfig = TestKubeconfig.write(dir, api.baseUrl(), "t");

    CliRun run = CliRun.of("plan", "--kubeconfig", kubeconfig.toString(), "-n", "nope");

    assertThat(run.err()).contains("note: namespace nope has no claims and no pods to back up; it does not exist");
  }

  @Test
  void allNamespacesOfALiveClusterAreListed() throws Exception {
    CoreV1Api core = new CoreV1Api(api.client());
    core.createNamespace(new V1Namespace().apiVersion("v1").kind("Namespace").metadata(new V1ObjectMeta().name("team-a"))).execute();
    core.createNamespace(new V1Namespace().apiVersion("v1").kind("Namespace").metadata(new V1ObjectMeta().name("team-b"))).execute();
    LiveCluster.mountedClaim(api.client());
    Path kubeconfig = TestKubeconfig.write(dir, api.baseUrl(), "t");

    CliRun run = CliRun.of("plan", "--kubeconfig", kubeconfig.toString(), "-A", "-o", "json");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(namespaces(run)).containsOnly("team-a");
    assertThat(api.takeRequests()).anyMatch(request -> request.contains("/api/v1/namespaces/team-b/persistentvolumeclaims"));
  }

  private static List<String> namespaces(CliRun run) {
    return StreamSupport.stream(JsonParser.parseString(run.out()).getAsJsonObject().getAsJsonArray("decisions")
            .spliterator(), false)
        .map(decision -> decision.getAsJsonObject().get("namespace").getAsString())
        .distinct()
        .toList();
  }
}
