package io.k8up.core.testing;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Scripts one {@code pods/exec} exchange on the mock API server, in Kubernetes' v4 channel
 * protocol: the frames of standard output and error a command writes, then its exit status. The
 * mock matches the exec request by its whole path, so a command run in the wrong container, or
 * not through {@code /bin/sh -c}, finds no script and fails.
 */
public final class ExecScript {

  private final String namespace;
  private final String pod;
  private final String container;
  private final String command;
  private final List<Frame> frames = new ArrayList<>();

  private ExecScript(String namespace, String pod, String container, String command) {
    this.namespace = namespace;
    this.pod = pod;
    this.container = container;
    this.command = command;
  }

  /** The exchange of {@code command}, the annotation's text, run in {@code container} of a pod. */
  public static ExecScript of(String namespace, String pod, String container, String command) {
    return new ExecScript(namespace, pod, container, command);
  }

  /** The path the executor requests: {@code /bin/sh -c <command>}, no stdin, no terminal. */
  public String path() {
    return "/api/v1/namespaces/" + namespace + "/pods/" + pod + "/exec?stdin=false&stdout=true&stderr=true"
        + "&tty=false&container=" + container + "&command=" + encode("/bin/sh") + "&command=-c&command="
        + encode(command);
  }

  /** Writes {@code bytes} to standard output after {@code delayMillis}. */
  public ExecScript stdout(byte[] bytes, long delayMillis) {
    frames.add(new Frame(1, bytes, delayMillis));
    return this;
  }

  public ExecScript stdout(String text) {
    return stdout(text.getBytes(StandardCharsets.UTF_8), 5);
  }

  public ExecScript stderr(String text) {
    frames.add(new Frame(2, text.getBytes(StandardCharsets.UTF_8), 5));
    return this;
  }

  /** Ends the script with the exit status {@code exitCode}, as kubelet reports it. */
  public void exits(MockApiServer api, int exitCode) {
    String status = exitCode == 0
        ? "{\"metadata\":{},\"status\":\"Success\"}"
        : "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"command terminated with non-zero exit code\","
            + "\"reason\":\"NonZeroExitCode\",\"details\":{\"causes\":[{\"reason\":\"ExitCode\",\"message\":\""
            + exitCode + "\"}]}}";
    endWith(api, status, 5);
  }

  /** Ends the script with a failure status carrying no exit code, as when the runtime cannot start it. */
  public void cannotStart(MockApiServer api, String message) {
    endWith(api, "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"" + message
        + "\",\"reason\":\"InternalError\"}", 5);
  }

  /** Sends the frames, then keeps the connection open without an exit status for {@code millis}. */
  public void hangs(MockApiServer api, long millis) {
    endWith(api, new Frame(1, new byte[0], millis));
  }

  /** The API server refuses the connection with {@code code} and a Status carrying {@code message}. */
  public void refused(MockApiServer api, int code, String message) {
    api.server().expect().get().withPath(path()).andReturn(code,
        "{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"metadata\":{},\"status\":\"Failure\",\"message\":\""
            + message + "\",\"code\":" + code + "}").once();
  }

  private void endWith(MockApiServer api, String status, long delayMillis) {
    endWith(api, new Frame(3, status.getBytes(StandardCharsets.UTF_8), delayMillis));
  }

  // One thread sends the frames in order, each its delay after the one before, then closes. (The
  // mock's scripted sockets schedule each frame on its own and close whenever none is pending, so
  // a first frame sent before the next is scheduled would end the exchange early.)
  private void endWith(MockApiServer api, Frame last) {
    List<Frame> all = new ArrayList<>(frames);
    all.add(last);
    api.answerOnce(path(), new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
      @Override
      public void onOpen(WebSocket socket, Response response) {
        Thread sender = new Thread(() -> send(socket, all), "exec-script");
        sender.setDaemon(true);
        sender.start();
      }
    }));
  }

  private static void send(WebSocket socket, List<Frame> frames) {
    try {
      for (Frame frame : frames) {
        Thread.sleep(frame.delayMillis());
        socket.send(frame(frame.channel(), frame.bytes()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      socket.close(1000, "done");
    }
  }

  private static byte[] frame(int channel, byte[] body) {
    byte[] framed = new byte[body.length + 1];
    framed[0] = (byte) channel;
    System.arraycopy(body, 0, framed, 1, body.length);
    return framed;
  }

  private static String encode(String part) {
    return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private record Frame(int channel, byte[] bytes, long delayMillis) {}
}
