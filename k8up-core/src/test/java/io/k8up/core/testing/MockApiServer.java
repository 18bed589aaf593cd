package io.k8up.core.testing;

import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.SimpleRequest;
import io.kubernetes.client.openapi.ApiClient;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that starts a fabric8 Kubernetes mock API server over plain HTTP for each
 * test, and gives the test a client-java {@link ApiClient} pointing at it.
 *
 * <p>The server stores what is created (CRUD mode) and answers scripted expectations first
 * ({@link #server()}{@code .expect()}). It serves watches only over WebSocket, rejects
 * strategic-merge patches and does not implement {@code pods/ephemeralcontainers}; objects sent
 * to it need apiVersion and kind. Every client has finite timeouts, so no test can hang. Register
 * it with {@code @RegisterExtension final MockApiServer api = new MockApiServer();}.
 */
public final class MockApiServer implements BeforeEachCallback, AfterEachCallback {

  /** How long a client waits to connect, and for each read. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

  public static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

  // The mock server logs every request through java.util.logging; tests need only failures. A
  // static reference keeps the configured logger from being garbage-collected and reset.
  private static final Logger MOCK_LOG = quietMockLog();

  private final Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
  private KubernetesMockServer server;
  private ApiClient client;

  @Override
  public void beforeEach(ExtensionContext context) {
    responses.clear();
    server = new KubernetesMockServer(
        new Context(), new MockWebServer(), responses, new KubernetesMixedDispatcher(responses),
        false);
    server.init();
    client = clientFor(baseUrl());
  }

  private static Logger quietMockLog() {
    Logger log = Logger.getLogger("io.fabric8.mockwebserver");
    log.setLevel(Level.WARNING);
    return log;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (server != null) {
      server.destroy();
      server = null;
    }
  }

  /**
   * Answers the next GET of {@code path} (with its query) with {@code response}, before anything
   * stored: for answers the mock's script cannot give, such as a socket that sends frames in order.
   */
  public void answerOnce(String path, MockResponse response) {
    responses.computeIfAbsent(new SimpleRequest(HttpMethod.GET, path), request -> new ArrayDeque<>())
        .add(new ServerResponse() {
          @Override
          public boolean isRepeatable() {
            return false;
          }

          @Override
          public MockResponse toMockResponse(RecordedRequest request) {
            return response;
          }
        });
  }

  /** A client-java client for {@code baseUrl} with this extension's finite timeouts. */
  public static ApiClient clientFor(String baseUrl) {
    ApiClient apiClient = new ApiClient();
    apiClient.setBasePath(baseUrl);
    apiClient.setHttpClient(apiClient.getHttpClient().newBuilder()
        .connectTimeout(CONNECT_TIMEOUT)
        .readTimeout(READ_TIMEOUT)
        .writeTimeout(READ_TIMEOUT)
        .callTimeout(READ_TIMEOUT.multipliedBy(2))
        .retryOnConnectionFailure(false)
        .build());
    return apiClient;
  }

  /** The server's base URL, e.g. {@code http://localhost:40123}, without a trailing slash. */
  public String baseUrl() {
    String url = server.url("/");
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** A client-java client for this server. */
  public ApiClient client() {
    return client;
  }

  /** The mock server, for scripted expectations ({@code server().expect()}). */
  public KubernetesMockServer server() {
    return server;
  }

  /** How many HTTP requests the server has received since it started. */
  public int requestCount() {
    return server.getRequestCount();
  }

  /**
   * The requests received since the last call, as {@code "GET /api/v1/pods"}, oldest first; the
   * server records each request once, so a second call returns only newer ones.
   *
   * @throws InterruptedException if interrupted while collecting
   */
  public List<String> takeRequests() throws InterruptedException {
    return takeRecorded().stream().map(request -> request.getMethod() + " " + request.getPath()).toList();
  }

  /**
   * The requests received since the last call, whole (headers and body), oldest first; like
   * {@link #takeRequests()}, each request is returned once.
   *
   * @throws InterruptedException if interrupted while collecting
   */
  public List<RecordedRequest> takeRecorded() throws InterruptedException {
    List<RecordedRequest> requests = new ArrayList<>();
    RecordedRequest request = server.takeRequest(10, TimeUnit.MILLISECONDS);
    while (request != null) {
      requests.add(request);
      request = server.takeRequest(10, TimeUnit.MILLISECONDS);
    }
    return requests;
  }
}
