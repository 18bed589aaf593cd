package io.k8up.fabric8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.k8up.core.kube.ExecEnd;
import io.k8up.core.kube.ExecSession;
import io.k8up.core.kube.KubeFailure;
import io.k8up.core.kube.KubeGateway;
import io.k8up.core.kube.ListPage;
import io.k8up.core.kube.ListQuery;
import io.k8up.core.kube.Precondition;
import io.k8up.core.kube.RetryPolicy;
import io.k8up.core.kube.RetryingGateway;
import io.k8up.core.model.ClusterCapabilities;
import io.k8up.core.snapshot.LiveSnapshots;
import io.k8up.core.spi.ResourceType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The fabric8 gateway against fabric8's mock API server: the client-java gateway's behaviours, and its failures. */
@Timeout(30)
class Fabric8GatewayTest {

  @RegisterExtension final Fabric8MockServer api = new Fabric8MockServer();

  private static final String POD = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"db-0\","
      + "\"namespace\":\"shop\"},\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"db\"}]},"
      + "\"status\":{\"phase\":\"Running\"}}";

  private static final String EXEC_PATH = "/api/v1/namespaces/shop/pods/db-0/exec?stdin=false&stdout=true"
      + "&stderr=true&tty=false&container=app&command=sh&command=-c&command=dump%20--all";

  private static JsonObject job(String name, String run) {
    return JsonParser.parseString("{\"apiVersion\":\"batch/v1\",\"kind\":\"Job\",\"metadata\":{\"name\":\"" + name
        + "\",\"namespace\":\"shop\",\"labels\":{\"run\":\"" + run + "\"}},\"spec\":{\"template\":{\"spec\":{"
        + "\"restartPolicy\":\"Never\",\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}},"
        + "\"aFieldFromANewerServer\":{\"kept\":true}}").getAsJsonObject();
  }

  private static String status(int code, String message) {
    return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":" + code
        + ",\"message\":\"" + message + "\"}";
  }

  // As kubelet says it: the exit code is a cause of the NonZeroExitCode failure.
  private static Status exitStatus(int code) {
    return new StatusBuilder().withStatus("Failure").withReason("NonZeroExitCode").withNewDetails()
        .addNewCause().withReason("ExitCode").withMessage(Integer.toString(code)).endCause().endDetails().build();
  }

  private static String name(JsonObject object) {
    return object.getAsJsonObject("metadata").get("name").getAsString();
  }

  @Test
  void createsGetsListsBySelectorAndDeletesObjectsOfAnyTypeKeepingUnknownFields() throws Exception {
    KubeGateway gateway = Fabric8Gateway.of(api.client());

    JsonObject created = gateway.create(ResourceType.JOB, job("a", "r1"));
    gateway.create(ResourceType.JOB, job("b", "r2"));

    assertThat(created.getAsJsonObject("aFieldFromANewerServer").get("kept").getAsBoolean()).isTrue();
    assertThat(gateway.get(ResourceType.JOB, "shop", "a")).get().satisfies(object -> {
      assertThat(name(object)).isEqualTo("a");
      assertThat(object.has("aFieldFromANewerServer")).as("unknown fields kept").isTrue();
    });
    assertThat(gateway.get(ResourceType.JOB, "shop", "missing")).isEmpty();
    List<JsonObject> selected = gateway.list(ResourceType.JOB, ListQuery.in("shop").withLabels("run=r2"));
    assertThat(selected).extracting(Fabric8GatewayTest::name).containsExactly("b");

    gateway.delete(ResourceType.JOB, "shop", "a", Precondition.none());
    gateway.delete(ResourceType.JOB, "shop", "a", Precondition.none());
    assertThat(gateway.get(ResourceType.JOB, "shop", "a")).as("deleted, and a second delete is fine").isEmpty();
    assertThat(gateway.requestCount()).isEqualTo(api.server().getRequestCount());
  }

  @Test
  void listsClusterScopedTypesAndEveryNamespace() throws Exception {
    KubeGateway gateway = Fabric8Gateway.of(api.client());
    gateway.create(ResourceType.PERSISTENT_VOLUME, JsonParser.parseString(
        "{\"apiVersion\":\"v1\",\"kind\":\"PersistentVolume\",\"metadata\":{\"name\":\"pv-1\"}}").getAsJsonObject());
    gateway.create(ResourceType.JOB, job("a", "r1"));

    assertThat(gateway.list(ResourceType.PERSISTENT_VOLUME, ListQuery.clusterWide()))
        .extracting(Fabric8GatewayTest::name).containsExactly("pv-1");
    assertThat(gateway.list(ResourceType.JOB, ListQuery.clusterWide())).extracting(Fabric8GatewayTest::name)
        .containsExactly("a");
    assertThat(api.takeRecorded()).extracting(RecordedRequest::getPath)
        .contains("/api/v1/persistentvolumes?limit=500", "/apis/batch/v1/jobs?limit=500");
  }

  @Test
  void listsPageByPageWithLimitAndContinue() throws Exception {
    KubeGateway gateway = Fabric8Gateway.of(api.client());
    String item = "{\"apiVersion\":\"batch/v1\",\"kind\":\"Job\",\"metadata\":{\"name\":\"%s\",\"namespace\":\"shop\"}}";
    api.server().expect().get().withPath("/apis/batch/v1/namespaces/shop/jobs?limit=1")
        .andReturn(200, "{\"apiVersion\":\"batch/v1\",\"kind\":\"JobList\",\"metadata\":{\"continue\":\"t1\"},"
            + "\"items\":[" + item.formatted("a") + "]}").once();
    api.server().expect().get().withPath("/apis/batch/v1/namespaces/shop/jobs?continue=t1&limit=1")
        .andReturn(200, "{\"apiVersion\":\"batch/v1\",\"kind\":\"JobList\",\"metadata\":{},"
            + "\"items\":[" + item.formatted("b") + "]}").once();

    ListPage first = gateway.listPage(ResourceType.JOB, ListQuery.in("shop").withPageSize(1), Optional.empty());
    assertThat(first.items()).extracting(Fabric8GatewayTest::name).containsExactly("a");
    assertThat(first.continueToken()).contains("t1");
    ListPage last = gateway.listPage(ResourceType.JOB, ListQuery.in("shop").withPageSize(1), first.continueToken());
    assertThat(last.items()).extracting(Fabric8GatewayTest::name).containsExactly("b");
    assertThat(last.continueToken()).isEmpty();
  }

  @Test
  void anExistingNameIsAConflictAndARefusalSaysWhatToGrant() throws Exception {
    KubeGateway gateway = Fabric8Gateway.of(api.client());
    gateway.create(ResourceType.JOB, job("a", "r1"));

    assertThatThrownBy(() -> gateway.create(ResourceType.JOB, job("a", "r1")))
        .isInstanceOfSatisfying(KubeFailure.class, failure -> assertThat(failure.isConflict()).isTrue());

    api.server().expect().post().withPath("/api/v1/namespaces/shop/persistentvolumeclaims")
        .andReturn(403, status(403, "no")).once();
    JsonObject claim = JsonParser.parseString("{\"apiVersion\":\"v1\",\"kind\":\"PersistentVolumeClaim\","
        + "\"metadata\":{\"name\":\"t\",\"namespace\":\"shop\"}}").getAsJsonObject();
    assertThatThrownBy(() -> gateway.create(ResourceType.PERSISTENT_VOLUME_CLAIM, claim))
        .isInstanceOfSatisfying(KubeFailure.class, failure -> assertThat(failure.isForbidden()).isTrue())
        .hasMessage("forbidden: cannot create persistentvolumeclaims in namespace shop; grant \"create\" on"
            + " persistentvolumeclaims in namespace shop");
  }

  @Test
  void aDeleteCarriesItsPreconditionInTheBackgroundAndOneThatNoLongerHoldsIsAConflict() throws Exception {
    KubeGateway gateway = Fabric8Gateway.of(api.client());
    JsonObject created = gateway.create(ResourceType.JOB, job("a", "r1"));
    api.takeRecorded();
    api.server().expect().delete().withPath("/apis/batch/v1/namespaces/shop/jobs/a")
        .andReturn(409, status(409, "Precondition failed: UID in precondition")).once();

    assertThatThrownBy(() -> gateway.delete(ResourceType.JOB, "shop", "a", Precondition.unchanged(created)))
        .isInstanceOfSatisfying(KubeFailure.class, failure -> assertThat(failure.isConflict()).isTrue())
        .hasMessage("conflict: delete jobs.batch in namespace shop: Precondition failed: UID in precondition");
    RecordedRequest delete = api.takeRecorded().get(0);
    JsonObject options = JsonParser.parseString(delete.getUtf8Body()).getAsJsonObject();
    assertThat(options.get("propagationPolicy").getAsString()).isEqualTo("Background");
    assertThat(options.getAsJsonObject("preconditions").get("uid").getAsString())
        .isEqualTo(Precondition.unchanged(created).uid().orElseThrow());
    assertThat(options.getAsJsonObject("preconditions").get("resourceVersion").getAsString())
        .isEqualTo(Precondition.unchanged(created).resourceVersion().orElseThrow());
  }

  @Test
  void throttlingAndServerErrorsAreTransientAndRetriedAroundIt() throws Exception {
    KubeGateway gateway = Fabric8Gateway.of(api.client());
    gateway.create(ResourceType.JOB, job("a", "r1"));
    api.server().expect().get().withPath("/apis/batch/v1/namespaces/shop/jobs/a")
        .andReturn(429, status(429, "slow down")).once();
    api.server().expect().get().withPath("/apis/batch/v1/namespaces/shop/jobs/a")
        .andReturn(500, status(500, "etcd timeout")).once();

    assertThatThrownBy(() -> gateway.get(ResourceType.JOB, "shop", "a"))
        .isInstanceOfSatisfying(KubeFailure.class, failure -> assertThat(failure.isTransient()).isTrue())
        .hasMessageContaining("answered HTTP 429 to get jobs.batch in namespace shop: slow down");
    assertThatThrownBy(() -> gateway.get(ResourceType.JOB, "shop", "a"))
        .isInstanceOfSatisfying(KubeFailure.class, failure -> assertThat(failure.isTransient()).isTrue())
        .hasMessageContaining("answered HTTP 500 to get jobs.batch in namespace shop: etcd timeout");

    api.server().expect().get().withPath("/apis/batch/v1/namespaces/shop/jobs/a")
        .andReturn(429, status(429, "slow down")).once();
    api.server().expect().get().withPath("/apis/batch/v1/namespaces/shop/jobs/a")
        .andReturn(500, status(500, "etcd timeout")).once();
    List<Duration> slept = new ArrayList<>();
    KubeGateway retrying = RetryingGateway.of(gateway, RetryPolicy.of(3, Duration.ofMillis(100)), slept::add);
    long before = gateway.requestCount();

    assertThat(retrying.get(ResourceType.JOB, "shop", "a")).isPresent();
    assertThat(gateway.requestCount() - before).as("a 429, a 500, then the answer").isEqualTo(3);
    assertThat(slept).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
  }

  @Test
  void patchesEphemeralContainersAsAStrategicMergeAndARefusalNamesTheSubresource() throws Exception {
    KubeGateway gateway = Fabric8Gateway.of(api.client());
    String path = "/api/v1/namespaces/shop/pods/db-0/ephemeralcontainers";
    api.server().expect().patch().withPath(path).andReturn(200, POD.replace("\"spec\":{", "\"spec\":{"
        + "\"ephemeralContainers\":[{\"name\":\"backup\",\"image\":\"restic\"}],")).once();
    api.server().expect().patch().withPath(path).andReturn(403, status(403, "no")).once();
    JsonObject patch = JsonParser.parseString("{\"spec\":{\"ephemeralContainers\":[{\"name\":\"backup\","
        + "\"image\":\"restic\"}]}}").getAsJsonObject();

    JsonObject patched = gateway.patchSubresource(ResourceType.POD, "shop", "db-0", "ephemeralcontainers", patch);

    assertThat(patched.getAsJsonObject("spec").getAsJsonArray("ephemeralContainers")).hasSize(1);
    RecordedRequest sent = api.takeRecorded().get(0);
    assertThat(sent.getHeader("Content-Type")).startsWith("application/strategic-merge-patch+json");
    assertThat(JsonParser.parseString(sent.getUtf8Body())).isEqualTo(patch);
    assertThatThrownBy(() -> gateway.patchSubresource(ResourceType.POD, "shop", "db-0", "ephemeralcontainers", patch))
        .isInstanceOfSatisfying(KubeFailure.class, failure -> assertThat(failure.isForbidden()).isTrue())
        .hasMessage("forbidden: cannot patch pods/ephemeralcontainers in namespace shop; grant \"patch\" on"
            + " pods/ephemeralcontainers in namespace shop");
  }

  @Test
  void execStreamsOutputAndEndsWithTheExitStatus() throws Exception {
    // A server of its own that sends the three frames in order from one thread: the mock's scripted
    // sockets schedule each emission on its own and close the socket whenever none is pending, so a
    // first emission sent before the next is scheduled ends the session early.
    try (MockWebServer server = new MockWebServer();
        KubernetesClient client = Fabric8MockServer.clientFor(startedWithOneExec(server))) {
      KubeGateway gateway = Fabric8Gateway.of(client);

      try (ExecSession session = gateway.exec("shop", "db-0", "app", List.of("sh", "-c", "dump --all"))) {
        // Drained at once, as k8up-core's command runner drains it beside the output.
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> {
          try {
            return new String(session.stderr().readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
        assertThat(new String(session.stdout().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("rows");
        assertThat(stderr.get(10, TimeUnit.SECONDS)).isEqualTo("warning");
        assertThat(session.awaitEnd(Duration.ofSeconds(10))).contains(ExecEnd.exited(3));
      }
      assertThat(gateway.requestCount()).as("one request").isEqualTo(1);
      assertThat(server.getRequestCount()).isEqualTo(1);
      assertThat(server.takeRequest(1, TimeUnit.SECONDS).getPath()).isEqualTo(EXEC_PATH);
    }
  }

  // Answers the first request with a socket that sends "rows" on standard output, "warning" on
  // standard error, then exit status 3, as kubelet frames them, and closes.
  private static String startedWithOneExec(MockWebServer server) {
    server.enqueue(new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
      @Override
      public void onOpen(WebSocket socket, Response response) {
        socket.send(frame(1, "rows"));
        socket.send(frame(2, "warning"));
        socket.send(frame(3, Serialization.asJson(exitStatus(3))));
        socket.close(1000, "done");
      }
    }));
    server.start();
    return server.url("/").toString();
  }

  private static byte[] frame(int channel, String data) {
    byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
    byte[] framed = new byte[bytes.length + 1];
    framed[0] = (byte) channel;
    System.arraycopy(bytes, 0, framed, 1, bytes.length);
    return framed;
  }

  @Test
  void discoversWhatTheServerServesAsTheClientJavaGatewayDoes() throws Exception {
    // The mock answers /version itself, with version 0.0, which counts as unknown.
    api.server().expect().get().withPath("/api/v1").andReturn(200, "{\"kind\":\"APIResourceList\",\"groupVersion\":"
        + "\"v1\",\"resources\":[{\"name\":\"pods\",\"namespaced\":true,\"kind\":\"Pod\",\"verbs\":[\"list\"]},"
        + "{\"name\":\"pods/ephemeralcontainers\",\"namespaced\":true,\"kind\":\"Pod\",\"verbs\":[\"patch\"]}]}")
        .once();
    api.server().expect().get().withPath("/apis/snapshot.storage.k8s.io/v1").andReturn(404, status(404, "not found"))
        .once();
    KubeGateway gateway = Fabric8Gateway.of(api.client());

    ClusterCapabilities capabilities = LiveSnapshots.discover(gateway, List.of("snapshot.storage.k8s.io/v1"));

    assertThat(capabilities.discovered()).isTrue();
    assertThat(capabilities.version()).isEmpty();
    assertThat(capabilities.serves("pods/ephemeralcontainers")).contains(true);
    assertThat(capabilities.serves("snapshot.storage.k8s.io/v1/volumesnapshots")).as("no snapshot CRDs").contains(false);
    assertThat(gateway.requestCount()).isEqualTo(3);
    assertThatThrownBy(() -> gateway.discovery("/api/v1/namespaces/shop/secrets"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anExecTheServerRefusesEndsRefusedWithItsStatus() throws Exception {
    KubeGateway gateway = Fabric8Gateway.of(api.client());
    api.server().expect().get().withPath("/api/v1/namespaces/shop/pods/gone/exec?stdin=false&stdout=true"
        + "&stderr=true&tty=false&container=app&command=true").andReturn(403, status(403, "no")).once();

    try (ExecSession session = gateway.exec("shop", "gone", "app", List.of("true"))) {
      assertThat(session.awaitEnd(Duration.ofSeconds(10))).get()
          .satisfies(end -> assertThat(end.kind()).isEqualTo(ExecEnd.Kind.REFUSED))
          .satisfies(end -> assertThat(end.httpStatus()).isEqualTo(403));
      assertThat(session.stdout().readAllBytes()).isEmpty();
    }
  }

  @Test
  void anUnreachableServerIsOneTransientFailureNamingTheServer() {
    KubeGateway gateway = Fabric8Gateway.of(Fabric8MockServer.clientFor("http://127.0.0.1:9"));

    assertThatThrownBy(() -> gateway.get(ResourceType.POD, "shop", "p"))
        .isInstanceOfSatisfying(KubeFailure.class, failure -> assertThat(failure.isTransient()).isTrue())
        .hasMessageStartingWith("cannot connect to the Kubernetes API server at http://127.0.0.1:9 to get pods in"
            + " namespace shop");
  }
}
