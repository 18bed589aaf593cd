package io.k8up.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Kubeconfig files for tests. */
final class TestKubeconfig {

  private TestKubeconfig() {}

  /**
   * Writes {@code dir/config}: one context, namespace team-a, pointing at {@code server} with a
   * bearer {@code token}.
   */
  static Path write(Path dir, String server, String token) throws IOException {
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
