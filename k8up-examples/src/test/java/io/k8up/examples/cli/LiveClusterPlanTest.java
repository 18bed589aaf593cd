package io.k8up.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8up.core.testing.MockApiServer;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PersistentVolume;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimSpec;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimStatus;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimVolumeSource;
import io.kubernetes.client.openapi.models.V1PersistentVolumeSpec;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodStatus;
import io.kubernetes.client.openapi.models.V1Volume;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code k8up-rwo plan --kubeconfig} against an API server over real HTTP. */
class LiveClusterPlanTest {

  @RegisterExtension final MockApiServer api = new MockApiServer();
  @TempDir Path dir;

  @Test
  void plansTheContextsNamespaceOfALiveCluster() throws Exception {
    CoreV1Api core = new CoreV1Api(api.client());
    core.createPersistentVolume(new V1PersistentVolume().apiVersion("v1").kind("PersistentVolume")
        .metadata(new V1ObjectMeta().name("pv-data"))
        .spec(new V1PersistentVolumeSpec().accessModes(List.of("ReadWriteOnce")))).execute();
    core.createNamespacedPersistentVolumeClaim("team-a", new V1PersistentVolumeClaim().apiVersion("v1")
        .kind("PersistentVolumeClaim")
        .metadata(new V1ObjectMeta().namespace("team-a").name("data"))
        .spec(new V1PersistentVolumeClaimSpec().accessModes(List.of("ReadWriteOnce")).volumeName("pv-data"))
        .status(new V1PersistentVolumeClaimStatus().phase("Bound"))).execute();
    core.createNamespacedPod("team-a", new V1Pod().apiVersion("v1").kind("Pod")
        .metadata(new V1ObjectMeta().namespace("team-a").name("app-0"))
        .spec(new V1PodSpec().nodeName("worker-7")
            .containers(List.of(new V1Container().name("app").image("app")))
            .volumes(List.of(new V1Volume().name("v")
                .persistentVolumeClaim(new V1PersistentVolumeClaimVolumeSource().claimName("data")))))
        .status(new V1PodStatus().phase("Running"))).execute();
    Path kubeconfig = kubeconfig(api.baseUrl(), "t");

    CliRun run = CliRun.of("plan", "--kubeconfig", kubeconfig.toString(), "-o", "json");

    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("\"name\": \"data\"", "\"MOUNTING_POD\"", "\"node\": \"worker-7\"");
  }

  @Test
  void unreachableClusterIsAnInputErrorOnOneLine() throws Exception {
    Path kubeconfig = kubeconfig("http://127.0.0.1:1", "secret-token");

    CliRun run = CliRun.of("plan", "--kubeconfig", kubeconfig.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(run.err().strip()).startsWith("k8up-rwo: ").contains("127.0.0.1:1").doesNotContain("\n")
        .doesNotContain("secret-token");
  }

  /** A kubeconfig whose one context, namespace team-a, points at {@code server} with a bearer {@code token}. */
  private Path kubeconfig(String server, String token) throws Exception {
    Path kubeconfig = dir.resolve("config");
    Files.writeString(kubeconfig, String.join("\n",
        "apiVersion: v1",
        "kind: Config",
        "current-context: test",
        "contexts: [{name: test, context: {cluster: test, user: test, namespace: team-a}}]",
        "clusters: [{name: test, cluster: {server: \"" + server + "\"}}]",
        "users: [{name: test, user: {token: " + token + "}}]"));
    return kubeconfig;
  }
}
