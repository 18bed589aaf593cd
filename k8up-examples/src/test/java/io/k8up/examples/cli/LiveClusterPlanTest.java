package io.k8up.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8up.core.testing.MockApiServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code k8up-rwo plan --kubeconfig} against an API server over real HTTP. */
class LiveClusterPlanTest {

  @RegisterExtension final MockApiServer api = new MockApiServer();
  @TempDir Path dir;

  @Test
  void plansTheContextsNamespaceOfALiveCluster() throws Exception {
    LiveCluster.mountedClaim(api.client());
    Path kubeconfig = TestKubeconfig.write(dir, api.baseUrl(), "t");

    CliRun run = CliRun.of("plan", "--kubeconfig", kubeconfig.toString(), "-o", "json");

    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("\"name\": \"data\"", "\"MOUNTING_POD\"", "\"node\": \"worker-7\"");
  }

  @Test
  void unreachableClusterIsAnInputErrorOnOneLine() throws Exception {
    Path kubeconfig = TestKubeconfig.write(dir, "http://127.0.0.1:1", "secret-token");

    CliRun run = CliRun.of("plan", "--kubeconfig", kubeconfig.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(run.err().strip()).startsWith("k8up-rwo: ").contains("127.0.0.1:1").doesNotContain("\n")
        .doesNotContain("secret-token");
  }
}
