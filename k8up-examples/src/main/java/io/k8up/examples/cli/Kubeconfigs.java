package io.k8up.examples.cli;

import io.k8up.core.snapshot.SnapshotException;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Finds the kubeconfig as kubectl does ({@code --kubeconfig}, then {@code $KUBECONFIG}, then
 * {@code ~/.kube/config}) and connects with it; never falls back to an unauthenticated localhost
 * server, as client-java's defaults would.
 */
final class Kubeconfigs {

  // The same for every command, so that each gives up on a silent server after the same wait.
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  /** The longest one request waits for a server that does not answer. */
  static final Duration LONGEST_WAIT = CONNECT_TIMEOUT.plus(READ_TIMEOUT);

  /** A client for the kubeconfig's current context, and that context's namespace. */
  record Connection(ApiClient client, String namespace) {}

  private Kubeconfigs() {}

  /** Connects with the kubeconfig kubectl would use in this process's environment. */
  static Connection connect(Optional<Path> explicit) throws SnapshotException {
    return connect(explicit, System.getenv(), Paths.get(System.getProperty("user.home")));
  }

  /**
   * Connects with {@code explicit}, else the kubeconfig {@code environment} and {@code home} point
   * to.
   */
  static Connection connect(Optional<Path> explicit, Map<String, String> environment, Path home)
      throws SnapshotException {
    Path path = explicit.or(() -> defaultPath(environment, home)).orElseThrow(() -> new SnapshotException(
        "No cluster to read: give --cluster-file FILE or --kubeconfig FILE, set $KUBECONFIG, or create"
            + " ~/.kube/config. To see a plan right away, try --sample."));
    if (!Files.isReadable(path)) {
      throw new SnapshotException("Cannot read kubeconfig " + path + ": no such readable file.");
    }
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      KubeConfig config = KubeConfig.loadKubeConfig(reader);
      config.setFile(path.toFile());
      ApiClient client = ClientBuilder.kubeconfig(config).setReadTimeout(READ_TIMEOUT).build();
      client.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
      String namespace = Optional.ofNullable(config.getNamespace()).filter(ns -> !ns.isBlank()).orElse("default");
      return new Connection(client, namespace);
    } catch (MarkedYAMLException e) {
      // The parser's message quotes the offending line, which may hold a token: give its position only.
      throw new SnapshotException("Cannot use kubeconfig " + path + ": it is not valid YAML (line "
          + (e.getProblemMark().getLine() + 1) + ", column " + (e.getProblemMark().getColumn() + 1) + ").");
    } catch (IOException | RuntimeException e) {
      throw new SnapshotException("Cannot use kubeconfig " + path + ": " + e.getMessage());
    }
  }

  /** The first file of {@code $KUBECONFIG} that exists, else {@code ~/.kube/config} if it exists. */
  private static Optional<Path> defaultPath(Map<String, String> environment, Path home) {
    String variable = environment.get("KUBECONFIG");
    if (variable != null && !variable.isBlank()) {
      for (String entry : variable.split(File.pathSeparator)) {
        if (!entry.isBlank() && Files.exists(Paths.get(entry))) {
          return Optional.of(Paths.get(entry));
        }
      }
    }
    Path config = home.resolve(".kube").resolve("config");
    return Files.exists(config) ? Optional.of(config) : Optional.empty();
  }
}
