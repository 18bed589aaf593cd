package io.k8up.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k8up.core.snapshot.SnapshotException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the kubeconfig as kubectl does, and failing clearly when there is none. */
class KubeconfigsTest {

  private static final String KUBECONFIG = """
      apiVersion: v1
      kind: Config
      current-context: dev
      contexts:
      - name: dev
        context: {cluster: dev, user: dev, namespace: team-a}
      clusters:
      - name: dev
        cluster: {server: "http://127.0.0.1:1"}
      users:
      - name: dev
        user: {token: not-a-real-token}
      """;

  @TempDir Path home;

  @Test
  void noKubeconfigAnywhereSuggestsTheSample() {
    assertThatThrownBy(() -> Kubeconfigs.connect(Optional.empty(), Map.of(), home))
        .isInstanceOf(SnapshotException.class)
        .hasMessageContaining("--sample")
        .hasMessageContaining("--cluster-file");
  }

  @Test
  void kubeconfigVariableIsFollowedAndItsContextNamespaceUsed() throws Exception {
    Path config = home.resolve("other-config");
    Files.writeString(config, KUBECONFIG);

    Kubeconfigs.Connection connection =
        Kubeconfigs.connect(Optional.empty(), Map.of("KUBECONFIG", home.resolve("missing") + ":" + config), home);

    assertThat(connection.namespace()).isEqualTo("team-a");
    assertThat(connection.client().getBasePath()).isEqualTo("http://127.0.0.1:1");
  }

  @Test
  void homeKubeconfigIsTheFallback() throws Exception {
    Files.createDirectories(home.resolve(".kube"));
    Files.writeString(home.resolve(".kube/config"), KUBECONFIG);

    assertThat(Kubeconfigs.connect(Optional.empty(), Map.of(), home).namespace()).isEqualTo("team-a");
  }

  @Test
  void unreadableExplicitKubeconfigNamesTheFile() {
    assertThatThrownBy(() -> Kubeconfigs.connect(Optional.of(home.resolve("nope")), Map.of(), home))
        .isInstanceOf(SnapshotException.class)
        .hasMessageContaining("nope");
  }

  @Test
  void kubeconfigThatIsNotYamlIsAnInputErrorWithoutSecrets() throws IOException {
    Path config = home.resolve("broken");
    Files.writeString(config, "token: secret-value\n: : :");

    assertThatThrownBy(() -> Kubeconfigs.connect(Optional.of(config), Map.of(), home))
        .isInstanceOf(SnapshotException.class)
        .hasMessageContaining("broken")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-value"));
  }
}
