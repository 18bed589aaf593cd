package io.k8up.examples.cli;

import io.k8up.core.snapshot.SnapshotException;
import io.kubernetes.client.openapi.ApiException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.Response;

/**
 * Asks the API server one cheap question ({@code GET /version}) before a command reads or changes
 * anything, so that every command says "cannot reach the cluster" the same way, after the same
 * bounded wait, with the same exit code, instead of each retrying its own requests.
 */
final class ClusterProbe {

  /** How long to wait before saying on standard error that the server is slow to answer. */
  private static final Duration QUIET = Duration.ofSeconds(3);

  private ClusterProbe() {}

  /**
   * Returns once the server answers; says on {@code err} that it waits if that takes longer than a
   * few seconds.
   *
   * @throws SnapshotException if the server cannot be reached within the connection's timeouts, or
   *     refuses the credentials
   */
  static void reach(Kubeconfigs.Connection connection, PrintWriter err) throws SnapshotException {
    String server = connection.client().getBasePath();
    ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "k8up-rwo-probe-progress");
      thread.setDaemon(true);
      return thread;
    });
    progress.schedule(() -> {
      err.println("k8up-rwo: waiting for the API server at " + server + " (giving up after "
          + DurationText.of(Kubeconfigs.LONGEST_WAIT) + ")");
      err.flush();
    }, QUIET.toMillis(), TimeUnit.MILLISECONDS);
    // The raw call, with the client's credentials and timeouts: any answer will do, its body is not read.
    try (Response response = connection.client().buildCall(server, "/version", "GET", List.of(), List.of(), null,
        new HashMap<>(), new HashMap<>(), new HashMap<>(), new String[] {"BearerToken"}, null).execute()) {
      if (response.code() == HttpURLConnection.HTTP_UNAUTHORIZED) {
        throw new SnapshotException("The API server at " + server + " refused the kubeconfig's credentials (HTTP 401):"
            + " log in again, or check the user of the kubeconfig's current context.");
      }
      // Every API server answers /version; a 404 means the URL leads somewhere else.
      if (response.code() == HttpURLConnection.HTTP_NOT_FOUND) {
        throw new SnapshotException("The server at " + server + " answered 404 Not Found to GET /version, which every"
            + " Kubernetes API server serves: check the server URL of the kubeconfig's cluster.");
      }
    } catch (IOException | ApiException e) {
      throw unreachable(server, e.toString());
    } finally {
      progress.shutdownNow();
    }
  }

  /** The one sentence every command says when the API server cannot be reached. */
  static SnapshotException unreachable(String server, String cause) {
    return new SnapshotException("Cannot reach the cluster: no answer from the API server at " + server + " ("
        + cause + "). Check the kubeconfig's server, the network, and that the cluster is up.");
  }
}
