package io.k8up.examples.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * An API server that answers {@code GET /version}, so that a command's probe passes, and then
 * breaks the connection of every other request without an answer, the first one after a delay:
 * a server that stops answering once a command has started.
 */
final class VersionOnlyServer implements AutoCloseable {

  private static final String VERSION = "{\"major\":\"1\",\"minor\":\"26\",\"gitVersion\":\"v1.26.1\"}";

  private final ServerSocket socket;
  private final Duration firstDelay;
  private boolean delayed;

  VersionOnlyServer(Duration firstDelay) throws IOException {
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.firstDelay = firstDelay;
    Thread acceptor = new Thread(this::accept, "version-only-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String url() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        Thread handler = new Thread(() -> serve(connection), "version-only-connection");
        handler.setDaemon(true);
        handler.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket connection) {
    try (connection) {
      BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.US_ASCII));
      OutputStream out = connection.getOutputStream();
      for (String requestLine = in.readLine(); requestLine != null; requestLine = in.readLine()) {
        for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
          // The requests have no body: headers only.
        }
        if (!requestLine.startsWith("GET /version ")) {
          delayFirst();
          return;
        }
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + VERSION.length()
            + "\r\n\r\n" + VERSION).getBytes(StandardCharsets.US_ASCII));
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // The client went away: nothing to answer.
    }
  }

  private void delayFirst() throws InterruptedException {
    synchronized (this) {
      if (delayed) {
        return;
      }
      delayed = true;
    }
    Thread.sleep(firstDelay.toMillis());
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
