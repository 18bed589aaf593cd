package io.k8up.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8up.core.testing.MockApiServer;
import io.kubernetes.client.openapi.apis.BatchV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1JobSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code k8up-rwo sweep} against an API server over real HTTP. */
class SweepCommandTest {

  @RegisterExtension final MockApiServer api = new MockApiServer();
  @TempDir Path dir;

  @Test
  void deletesTheObjectsOfADeadRunInTheContextsNamespace() throws Exception {
    BatchV1Api batch = new BatchV1Api(api.client());
    batch.createNamespacedJob("team-a", job("k8up-rwo-dead-abc", Map.of(
        "app.kubernetes.io/managed-by", "k8up-rwo", "k8up.io/run-id", "dead"))).execute();
    batch.createNamespacedJob("team-a", job("nightly-report", Map.of("app", "reports"))).execute();
    Path kubeconfig = TestKubeconfig.write(dir, api.baseUrl(), "t");

    CliRun run = CliRun.of("sweep", "--kubeconfig", kubeconfig.toString(), "--run-id", "dead", "--older-than", "PT0S");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("deleted Job team-a/k8up-rwo-dead-abc", "1 deleted, 0 kept, 0 failed");
    assertThat(batch.listNamespacedJob("team-a").execute().getItems()).extracting(job -> job.getMetadata().getName())
        .containsExactly("nightly-report");
  }

  @Test
  void aSweepListsInPagesOfThePageSizeGiven() throws Exception {
    Path kubeconfig = TestKubeconfig.write(dir, api.baseUrl(), "t");

    CliRun run = CliRun.of("sweep", "--kubeconfig", kubeconfig.toString(), "--page-size", "7");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(api.takeRequests()).filteredOn(request -> request.contains("labelSelector"))
        .isNotEmpty().allMatch(request -> request.contains("limit=7"), "asks for pages of 7");
  }

  @Test
  void aSweepTakesNoFileOrSample() {
    CliRun run = CliRun.of("sweep", "--sample");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(run.err()).isEqualTo("k8up-rwo: Unknown option: '--sample'; see 'k8up-rwo sweep --help'\n");
  }

  private static V1Job job(String name, Map<String, String> labels) {
    return new V1Job().apiVersion("batch/v1").kind("Job")
        .metadata(new V1ObjectMeta().name(name).namespace("team-a").labels(labels))
        .spec(new V1JobSpec().template(new V1PodTemplateSpec().spec(new V1PodSpec()
            .containers(List.of(new V1Container().name("c").image("i"))))));
  }
}
