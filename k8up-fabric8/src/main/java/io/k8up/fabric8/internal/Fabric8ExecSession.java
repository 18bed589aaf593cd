package io.k8up.fabric8.internal;

import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.WebSocket;
import io.fabric8.kubernetes.client.http.WebSocketHandshakeException;
import io.k8up.core.kube.ExecEnd;
import io.k8up.core.kube.ExecSession;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A command running in a container, connected through the {@code pods/exec} subresource with
 * Kubernetes' v4 channel protocol over the fabric8 client's WebSocket support: its standard output
 * and error as streams, and how it ended, from the Status on channel 3.
 *
 * <p>fabric8's own exec lists and reads the pod before it connects (three requests where one does)
 * and fails the output streams when the command exits non-zero; this makes one request, and the
 * streams end as the command does. Messages from the server are kept to {@value #MAX_MESSAGE}
 * characters.
 */
public final class Fabric8ExecSession implements ExecSession, WebSocket.Listener {

  private static final String CHANNEL_PROTOCOL = "v4.channel.k8s.io";
  private static final int STDOUT = 1;
  private static final int STDERR = 2;
  private static final int STATUS = 3;
  // Messages that may wait unread on one channel before the socket is asked for no more.
  private static final int MAX_WAITING = 16;
  private static final int MAX_MESSAGE = 4096;

  private final ChannelStream stdout = new ChannelStream(this::resume);
  private final ChannelStream stderr = new ChannelStream(this::resume);
  private final AtomicReference<WebSocket> socket = new AtomicReference<>();
  private final AtomicBoolean paused = new AtomicBoolean();
  private final AtomicReference<ExecEnd> end = new AtomicReference<>();
  private final CountDownLatch ended = new CountDownLatch(1);

  private Fabric8ExecSession() {}

  /**
   * Connects to the exec URL {@code uri} through {@code http}, waiting at most {@code
   * connectTimeout} to connect; returns at once.
   */
  public static Fabric8ExecSession start(HttpClient http, URI uri, Duration connectTimeout) {
    Fabric8ExecSession session = new Fabric8ExecSession();
    http.newWebSocketBuilder()
        .subprotocol(CHANNEL_PROTOCOL)
        .uri(WebSocket.toWebSocketUri(uri))
        .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .buildAsync(session)
        .whenComplete((connected, failure) -> {
          if (failure != null) {
            session.failed(failure);
          }
        });
    return session;
  }

  @Override
  public InputStream stdout() {
    return stdout;
  }

  @Override
  public InputStream stderr() {
    return stderr;
  }

  @Override
  public Optional<ExecEnd> awaitEnd(Duration timeout) throws InterruptedException {
    ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return Optional.ofNullable(end.get());
  }

  @Override
  public void close() {
    WebSocket connected = socket.get();
    if (connected != null) {
      connected.sendClose(1000, "closed");
    }
    finish(ExecEnd.broken("the connection closed before the command's exit status arrived"));
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    socket.set(webSocket);
    webSocket.request();
  }

  @Override
  public void onMessage(WebSocket webSocket, ByteBuffer bytes) {
    if (bytes.hasRemaining()) {
      int channel = bytes.get();
      byte[] data = new byte[bytes.remaining()];
      bytes.get(data);
      switch (channel) {
        case STDOUT -> stdout.offer(data);
        case STDERR -> stderr.offer(data);
        case STATUS -> end(ExecEnd.fromStatus(new String(data, StandardCharsets.UTF_8)));
        default -> {
          // Channel 0 is standard input, never opened; others are not part of v4.
        }
      }
    }
    if (roomToRead()) {
      webSocket.request();
    } else {
      paused.set(true);
      resume();
    }
  }

  @Override
  public void onMessage(WebSocket webSocket, String text) {
    onMessage(webSocket, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public void onClose(WebSocket webSocket, int code, String reason) {
    finish(ExecEnd.broken("the connection closed before the command's exit status arrived"));
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    finish(ExecEnd.broken(bounded("the connection failed: " + error.getMessage())));
  }

  private void failed(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof WebSocketHandshakeException refused && refused.getResponse() != null) {
      int code = refused.getResponse().code();
      finish(ExecEnd.refused(code, "the API server answered HTTP " + code + " to the exec"));
    } else {
      finish(ExecEnd.broken(bounded("the connection failed: " + cause.getMessage())));
    }
  }

  // Asks for the next message once the reader has made room, if the socket was held back.
  private void resume() {
    WebSocket connected = socket.get();
    if (connected != null && roomToRead() && paused.compareAndSet(true, false)) {
      connected.request();
    }
  }

  private boolean roomToRead() {
    return stdout.waiting() < MAX_WAITING && stderr.waiting() < MAX_WAITING;
  }

  private void finish(ExecEnd how) {
    end(how);
    stdout.finish();
    stderr.finish();
  }

  private void end(ExecEnd how) {
    end.compareAndSet(null, how);
    ended.countDown();
  }

  private static String bounded(String message) {
    String text = message == null ? "" : message.strip();
    return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "…" : text;
  }
}
