package io.k8up.core.kube;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.Pair;
import io.kubernetes.client.util.WebSockets;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.Request;

/** Starts commands in containers through the {@code pods/exec} subresource. */
final class PodExec {

  // Version 4 carries the exit status on channel 3; stdin is never opened, so v5's close signal adds nothing.
  private static final String CHANNEL_PROTOCOL = "v4.channel.k8s.io";

  private final ApiClient client;

  PodExec(ApiClient client) {
    this.client = client;
  }

  /**
   * Starts {@code command} in {@code container} of pod {@code namespace/pod}, with no standard
   * input and no terminal. Returns at once; a refusal shows in {@link WebSocketExecSession#awaitEnd}.
   *
   * @throws IOException if the request cannot be built
   */
  ExecSession start(String namespace, String pod, String container, List<String> command) throws IOException {
    List<Pair> query = new ArrayList<>(List.of(
        new Pair("stdin", "false"),
        new Pair("stdout", "true"),
        new Pair("stderr", "true"),
        new Pair("tty", "false"),
        new Pair("container", container)));
    command.forEach(part -> query.add(new Pair("command", part)));
    Map<String, String> headers = new HashMap<>();
    headers.put(WebSockets.STREAM_PROTOCOL_HEADER, CHANNEL_PROTOCOL);
    Request request;
    try {
      request = client.buildRequest(client.getBasePath(),
          "/api/v1/namespaces/" + namespace + "/pods/" + pod + "/exec", "GET", query, List.of(), null,
          headers, Map.of(), Map.of(), new String[] {"BearerToken"}, null);
    } catch (ApiException e) {
      throw new IOException("the exec request could not be built: " + e.getMessage(), e);
    }
    WebSocketExecSession session = new WebSocketExecSession(client);
    client.getHttpClient().newWebSocket(request, session.listener());
    return session;
  }
}
