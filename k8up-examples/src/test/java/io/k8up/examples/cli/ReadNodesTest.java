package io.k8up.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8up.core.testing.FakeJobController;
import io.k8up.core.testing.FakeJobController.Verdict;
import io.k8up.core.testing.MockApiServer;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1Toleration;
import io.kubernetes.client.util.Yaml;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code --read-nodes}: live reads list Nodes only when asked, so unmounted claims tolerate their node's taints. */
@Timeout(60)
class ReadNodesTest {

  private static final V1Toleration DEDICATED =
      new V1Toleration().key("dedicated").operator("Equal").value("storage").effect("NoSchedule");

  @RegisterExtension final MockApiServer api = new MockApiServer();
  @TempDir Path dir;

  @Test
  void withoutTheFlagNodesAreNotReadAndNothingIsTolerated() throws Exception {
    LiveCluster.unmountedClaimOnTaintedNode(api.client());
    Path kubeconfig = TestKubeconfig.write(dir, api.baseUrl(), "t");
    api.takeRequests();

    CliRun run = CliRun.of("manifests", "--kubeconfig", kubeconfig.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(api.takeRequests()).noneMatch(request -> request.contains("/nodes"));
    assertThat(onlyJob(run.out()).getSpec().getTemplate().getSpec().getTolerations()).isNullOrEmpty();
  }

  @Test
  void withTheFlagTheBackupPodToleratesItsNodesTaints() throws Exception {
    LiveCluster.unmountedClaimOnTaintedNode(api.client());
    Path kubeconfig = TestKubeconfig.write(dir, api.baseUrl(), "t");
    api.takeRequests();

    CliRun run = CliRun.of("manifests", "--kubeconfig", kubeconfig.toString(), "--read-nodes");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(api.takeRequests()).filteredOn(request -> request.contains("/nodes"))
        .containsExactly("GET /api/v1/nodes?limit=500&watch=false");
    assertThat(onlyJob(run.out()).getSpec().getTemplate().getSpec().getTolerations()).containsExactly(DEDICATED);
  }

  @Test
  void runWithTheFlagCreatesAJobThatToleratesItsNodesTaints() throws Exception {
    LiveCluster.unmountedClaimOnTaintedNode(api.client());
    Path kubeconfig = TestKubeconfig.write(dir, api.baseUrl(), "t");
    List<V1Job> jobs = new CopyOnWriteArrayList<>();

    CliRun run;
    try (FakeJobController controller = FakeJobController.start(api.client(), "team-a", (job, looks) -> {
      jobs.add(job);
      return Verdict.COMPLETE;
    })) {
      run = CliRun.of("run", "--kubeconfig", kubeconfig.toString(), "--read-nodes");
    }

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(jobs).isNotEmpty();
    assertThat(jobs.get(0).getSpec().getTemplate().getSpec().getTolerations()).containsExactly(DEDICATED);
  }

  @Test
  void forbiddenNodesAreAnInputErrorOnOneLineThatSaysWhatToGrant() throws Exception {
    LiveCluster.unmountedClaimOnTaintedNode(api.client());
    api.server().expect().get().withPath("/api/v1/nodes?limit=500&watch=false").andReturn(403, "{}").always();
    Path kubeconfig = TestKubeconfig.write(dir, api.baseUrl(), "t");

    CliRun run = CliRun.of("plan", "--kubeconfig", kubeconfig.toString(), "--read-nodes");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(run.err().strip()).isEqualTo(
        "k8up-rwo: forbidden: cannot list nodes (cluster-scoped); grant \"list\" on nodes");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void readNodesWithTheSampleSaysItChangesNothing() {
    CliRun run = CliRun.of("plan", "--sample", "--read-nodes");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED_DECISIONS);
    assertThat(run.err()).contains("note: --read-nodes changes nothing for a file or the sample");
  }

  private static V1Job onlyJob(String yaml) throws Exception {
    List<Object> documents = Yaml.loadAll(yaml);
    assertThat(documents).hasSize(1);
    return (V1Job) documents.get(0);
  }
}
