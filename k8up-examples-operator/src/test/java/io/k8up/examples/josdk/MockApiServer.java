package io.k8up.examples.josdk;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
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
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
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
 * A JUnit 5 extension that starts fabric8's mock API server in CRUD mode for each test, with the
 * checked-in BackupSchedule CRD installed, and gives the test a fabric8 client with finite timeouts
 * and fabric8's own retries off (as k8up-fabric8's tests set it up).
 */
final class MockApiServer implements BeforeEachCallback, AfterEachCallback {

  private static final Logger MOCK_LOG = quietMockLog();

  private KubernetesMockServer server;
  private KubernetesClient client;

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
        new KubernetesMixedDispatcher(responses), false);
    server.init();
    client = clientAs("k8up-rwo-test");
    // The CRD lets the CRUD dispatcher know the resource is namespaced and has a status subresource.
    try (InputStream crd = Files.newInputStream(BackupScheduleCrdTest.CHECKED_IN)) {
      client.apiextensions().v1().customResourceDefinitions()
          .resource(client.getKubernetesSerialization().unmarshal(crd, CustomResourceDefinition.class)).create();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    client.close();
    server.destroy();
  }

  private static Logger quietMockLog() {
    Logger log = Logger.getLogger("io.fabric8.mockwebserver");
    log.setLevel(Level.WARNING);
    return log;
  }

  KubernetesClient client() {
    return client;
  }

  /**
   * A client of its own, whose requests carry {@code userAgent}, so that {@link #takeRecorded}
   * tells them from the test's; close it at the end of the test.
   */
  KubernetesClient clientAs(String userAgent) {
    return new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
        .withMasterUrl(server.url("/"))
        .withNamespace("default")
        .withUserAgent(userAgent)
        .withConnectionTimeout(2_000)
        .withRequestTimeout(5_000)
        .withRequestRetryBackoffLimit(0)
        .build()).build();
  }

  /** The requests received since the last call from clients made with {@code userAgent}, oldest first. */
  List<RecordedRequest> takeRecorded(String userAgent) throws InterruptedException {
    List<RecordedRequest> requests = new ArrayList<>();
    RecordedRequest request = server.takeRequest(10, TimeUnit.MILLISECONDS);
    while (request != null) {
      if (userAgent.equals(request.getHeader("User-Agent"))) {
        requests.add(request);
      }
      request = server.takeRequest(10, TimeUnit.MILLISECONDS);
    }
    return requests;
  }
}
