package io.k8up.fabric8.internal;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.k8up.core.kube.KubeFailure;
import io.k8up.core.kube.KubeRequest;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Maps fabric8's failures to {@link KubeFailure}, so that a refusal reads the same whatever client
 * made the call: an HTTP answer by its status, a broken connection by its {@link IOException}.
 */
public final class Fabric8Failures {

  private final String server;

  private Fabric8Failures(String server) {
    this.server = server;
  }

  /** Failures of calls to {@code server}, an address without credentials. */
  public static Fabric8Failures of(String server) {
    return new Fabric8Failures(server);
  }

  /** The server's address, as messages name it. */
  public String server() {
    return server;
  }

  /** What {@code e}, thrown by fabric8 while making {@code request}, means. */
  public KubeFailure of(KubeRequest request, KubernetesClientException e) {
    if (e.getCode() > 0) {
      String message = e.getStatus() == null || e.getStatus().getMessage() == null ? "" : e.getStatus().getMessage();
      return KubeFailure.status(request, server, e.getCode(), message);
    }
    Optional<IOException> io = ioCause(e);
    if (io.isPresent()) {
      return KubeFailure.noAnswer(request, server, io.get());
    }
    return KubeFailure.unreadable(request, server, String.valueOf(e.getMessage()));
  }

  /** The HTTP {@code code} with {@code body} that the server answered to {@code request}. */
  public KubeFailure ofAnswer(KubeRequest request, int code, String body) {
    return KubeFailure.status(request, server, code, KubeFailure.statusMessage(body));
  }

  /**
   * The I/O failure behind {@code thrown}, which fabric8 wraps, sometimes twice: one that says what
   * happened (refused, unknown host, timed out, TLS) wherever it is in the chain, else the
   * outermost. fabric8's own request timeout, a {@link TimeoutException}, counts as a timeout.
   */
  public static Optional<IOException> ioCause(Throwable thrown) {
    IOException outermost = null;
    for (Throwable cause = thrown; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
      if (cause instanceof ConnectException || cause instanceof UnknownHostException
          || cause instanceof InterruptedIOException || cause instanceof SSLException) {
        return Optional.of((IOException) cause);
      }
      if (cause instanceof TimeoutException) {
        return Optional.of(new SocketTimeoutException(cause.getMessage()));
      }
      if (outermost == null && cause instanceof IOException io) {
        outermost = io;
      }
    }
    return Optional.ofNullable(outermost);
  }
}
