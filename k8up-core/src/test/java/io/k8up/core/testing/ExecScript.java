package io.k8up.core.testing;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.dsl.EventDoneable;
import io.fabric8.mockwebserver.dsl.TimesOnceableOrHttpHeaderable;
import io.fabric8.mockwebserver.internal.WebSocketMessage;
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
  public void exits(KubernetesMockServer server, int exitCode) {
    String status = exitCode == 0
        ? "{\"metadata\":{},\"status\":\"Success\"}"
        : "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"command terminated with non-zero exit code\","
            + "\"reason\":\"NonZeroExitCode\",\"details\":{\"causes\":[{\"reason\":\"ExitCode\",\"message\":\""
            + exitCode + "\"}]}}";
    endWith(server, status, 5);
  }

  /** Ends the script with a failure status carrying no exit code, as when the runtime cannot start it. */
  public void cannotStart(KubernetesMockServer server, String message) {
    endWith(server, "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"" + message
        + "\",\"reason\":\"InternalError\"}", 5);
  }

  /** Sends the frames, then keeps the connection open without an exit status for {@code millis}. */
  public void hangs(KubernetesMockServer server, long millis) {
    endWith(server, 1, new byte[0], millis);
  }

  /** The API server refuses the connection with {@code code} and a Status carrying {@code message}. */
  public void refused(KubernetesMockServer server, int code, String message) {
    server.expect().get().withPath(path()).andReturn(code,
        "{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"metadata\":{},\"status\":\"Failure\",\"message\":\""
            + message + "\",\"code\":" + code + "}").once();
  }

  private void endWith(KubernetesMockServer server, String status, long delayMillis) {
    endWith(server, 3, status.getBytes(StandardCharsets.UTF_8), delayMillis);
  }

  // The mock sends each message its delay after the connection opens, and closes it after the last.
  private void endWith(KubernetesMockServer server, int channel, byte[] last, long delayMillis) {
    EventDoneable<TimesOnceableOrHttpHeaderable<Void>> session =
        server.expect().get().withPath(path()).andUpgradeToWebSocket().open();
    long at = 0;
    for (Frame frame : frames) {
      at += frame.delayMillis();
      session = session.immediately().andEmit(message(at, frame.channel(), frame.bytes()));
    }
    session.immediately().andEmit(message(at + delayMillis, channel, last)).done().once();
  }

  private static WebSocketMessage message(long atMillis, int channel, byte[] body) {
    return new WebSocketMessage(atMillis, frame(channel, body), true, true);
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
