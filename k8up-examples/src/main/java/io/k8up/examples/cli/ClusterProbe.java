package io.k8up.examples.cli;

import io.k8up.core.kube.KubeFailure;
import io.k8up.core.snapshot.SnapshotException;
import io.kubernetes.client.openapi.ApiException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.HttpURLConnection;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import okhttp3.Response;

/**
 * Asks the API server one cheap question ({@code GET /version}) before a command reads or changes
 * anything, so that every command says "cannot reach the cluster" the same way, after the same
 * bounded wait, with the same exit code, instead of each retrying its own requests.
 */
final class ClusterProbe {

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
    // Every later request of the command, not only this one, says so when it waits long.
    connection.client().setHttpClient(connection.client().getHttpClient().newBuilder()
        .addInterceptor(new SlowAnswerNotice(server, err)).build());
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
    }
  }

  /**
   * {@code e} in {@link #unreachable}'s words if the server at {@code server} stopped answering
   * {@code e}'s request (after its retries); else {@code e}.
   */
  static SnapshotException unanswered(SnapshotException e, String server) {
    return e.getCause() instanceof KubeFailure failure ? unanswered(failure, server).orElse(e) : e;
  }

  /** {@code failure} in {@link #unreachable}'s words if it is the server at {@code server} not answering. */
  static Optional<SnapshotException> unanswered(KubeFailure failure, String server) {
    return failure.getCause() instanceof IOException noAnswer
        ? Optional.of(unreachable(server, failure.request() + ": " + noAnswer))
        : Optional.empty();
  }

  /** The one sentence every command says when the API server cannot be reached. */
  static SnapshotException unreachable(String server, String cause) {
    return new SnapshotException("Cannot reach the cluster: no answer from the API server at " + server + " ("
        + cause + "). Check the kubeconfig's server, the network, and that the cluster is up.");
  }
}
