package io.k8up.fabric8;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
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
 * A JUnit 5 extension that starts fabric8's mock API server for each test, storing what is created
 * (CRUD mode) and answering scripted expectations first, and gives the test a fabric8 client with
 * finite timeouts and fabric8's own retries off.
 */
final class Fabric8MockServer implements BeforeEachCallback, AfterEachCallback {

  private static final Logger MOCK_LOG = quietMockLog();

  private KubernetesMockServer server;
  private KubernetesClient client;

  @Override
  public void beforeEach(ExtensionContext context) {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
        new KubernetesMixedDispatcher(responses), false);
    server.init();
    client = clientFor(server.url("/"));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    client.close();
    server.destroy();
  }

  /** A client for {@code url} with 2 s to connect, 5 s per request, and no retries of its own. */
  static KubernetesClient clientFor(String url) {
    Config config = new ConfigBuilder(Config.empty())
        .withMasterUrl(url)
        .withNamespace("default")
        .withConnectionTimeout(2_000)
        .withRequestTimeout(5_000)
        .withRequestRetryBackoffLimit(0)
        .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private static Logger quietMockLog() {
    Logger log = Logger.getLogger("io.fabric8.mockwebserver");
    log.setLevel(Level.WARNING);
    return log;
  }

  KubernetesMockServer server() {
    return server;
  }

  KubernetesClient client() {
    return client;
  }

  /** The requests received since the last call, oldest first. */
  List<RecordedRequest> takeRecorded() throws InterruptedException {
    List<RecordedRequest> requests = new ArrayList<>();
    RecordedRequest request = server.takeRequest(10, TimeUnit.MILLISECONDS);
    while (request != null) {
      requests.add(request);
      request = server.takeRequest(10, TimeUnit.MILLISECONDS);
    }
    return requests;
  }
}
