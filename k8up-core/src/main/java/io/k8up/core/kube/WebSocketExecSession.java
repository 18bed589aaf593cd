package io.k8up.core.kube;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1Status;
import io.kubernetes.client.util.WebSocketStreamHandler;
import io.kubernetes.client.util.WebSockets;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Response;
import okhttp3.WebSocket;

/**
 * One command running in a container, connected through the {@code pods/exec} subresource with
 * Kubernetes' v4 channel protocol: its standard output and error as streams, and how it ended.
 *
 * <p>client-java's {@code Exec} would do the connecting, but it drops what the API server says
 * when it refuses (403, no such container) and what kubelet says when a command cannot start;
 * both are what a user needs to act. This keeps them.
 */
final class WebSocketExecSession implements ExecSession {

  private static final int STATUS_CHANNEL = 3;

  private final ApiClient client;
  private final Channels channels = new Channels();
  private final InputStream stdout = channels.getInputStream(1);
  private final InputStream stderr = channels.getInputStream(2);
  private final AtomicReference<ExecEnd> end = new AtomicReference<>();
  private final CountDownLatch ended = new CountDownLatch(1);

  WebSocketExecSession(ApiClient client) {
    this.client = client;
  }

  /** The command's standard output, as it arrives; ends when the command does. */
  @Override
  public InputStream stdout() {
    return stdout;
  }

  /** The command's standard error, as it arrives. */
  @Override
  public InputStream stderr() {
    return stderr;
  }

  /**
   * How the command ended, waiting up to {@code timeout} for it.
   *
   * @return empty if it has not ended by then
   */
  @Override
  public Optional<ExecEnd> awaitEnd(Duration timeout) throws InterruptedException {
    ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return Optional.ofNullable(end.get());
  }

  /** Closes the connection; the streams end. A command still running is cut off. */
  @Override
  public void close() {
    channels.close();
    closeQuietly(stdout);
    closeQuietly(stderr);
  }

  WebSockets.Listener listener() {
    return new RefusalListener();
  }

  private void end(ExecEnd how) {
    end.compareAndSet(null, how);
    ended.countDown();
  }

  private String messageOf(Response response) {
    try {
      String body = response.peekBody(4096).string();
      V1Status status = client.getJSON().deserialize(body, V1Status.class);
      if (status != null && status.getMessage() != null) {
        return status.getMessage();
      }
      return body.isBlank() ? response.message() : body.strip();
    } catch (IOException | RuntimeException e) {
      return response.message();
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // Closing a pipe cannot fail in a way that matters here.
    }
  }

  /** Splits the socket's messages into the channels; the status channel ends the session. */
  private final class Channels extends WebSocketStreamHandler {

    @Override
    protected void handleMessage(int stream, InputStream in) throws IOException {
      if (stream != STATUS_CHANNEL) {
        super.handleMessage(stream, in);
        return;
      }
      String json;
      try (in) {
        json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      end(ExecEnd.fromStatus(json));
      close();
    }

    @Override
    public void failure(Throwable t) {
      super.failure(t);
      end(ExecEnd.broken("the connection failed: " + t.getMessage()));
    }

    @Override
    public synchronized void close() {
      super.close();
      end(ExecEnd.broken("the connection closed before the command's exit status arrived"));
    }
  }

  /** Keeps the API server's answer when it refuses the upgrade; client-java's listener drops it. */
  private final class RefusalListener extends WebSockets.Listener {

    RefusalListener() {
      super(channels);
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
      if (response != null && response.code() != 101) {
        end(ExecEnd.refused(response.code(), messageOf(response)));
      }
      super.onFailure(webSocket, t, response);
    }
  }
}
