package io.k8up.examples.rbac;

import io.k8up.core.testing.MockApiServer;
import io.kubernetes.client.openapi.ApiClient;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import okhttp3.Request;
import okio.Buffer;

/**
 * A client-java client for the mock API server that records every request made through it, so
 * that the library's requests are told apart from the test's own (setup, fake controllers).
 */
final class RecordingClient {

  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String> patchBodies = new CopyOnWriteArrayList<>();
  private final ApiClient client;

  RecordingClient(MockApiServer api) {
    client = MockApiServer.clientFor(api.baseUrl());
    client.setHttpClient(client.getHttpClient().newBuilder().addInterceptor(chain -> {
      Request request = chain.request();
      String query = request.url().encodedQuery();
      requests.add(request.method() + " " + request.url().encodedPath() + (query == null ? "" : "?" + query));
      if (request.method().equals("PATCH")) {
        patchBodies.add(body(request));
      }
      return chain.proceed(request);
    }).build());
  }

  private static String body(Request request) throws IOException {
    if (request.body() == null) {
      return "";
    }
    Buffer buffer = new Buffer();
    request.body().writeTo(buffer);
    return buffer.readUtf8();
  }

  /** The client to hand to the library. */
  ApiClient client() {
    return client;
  }

  /** Every request so far, as {@code "METHOD /path?query"}. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  /** The bodies of the PATCH requests so far. */
  List<String> patchBodies() {
    return List.copyOf(patchBodies);
  }

  /** The permissions the requests so far needed. */
  Set<Permission> permissionsUsed() {
    return requests.stream().map(Permission::of).flatMap(Set::stream).collect(Collectors.toSet());
  }
}
