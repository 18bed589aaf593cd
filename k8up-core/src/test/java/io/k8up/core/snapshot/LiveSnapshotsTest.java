package io.k8up.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.k8up.core.kube.ClientJavaGateway;
import io.k8up.core.kube.KubeGateway;
import io.k8up.core.kube.RetryPolicy;
import io.k8up.core.kube.RetryingGateway;
import io.k8up.core.model.Claim;
import io.k8up.core.model.Node;
import io.k8up.core.model.Pod;
import io.k8up.core.model.PodVolume;
import io.k8up.core.model.Taint;
import io.k8up.core.testing.ClusterObjects;
import io.k8up.core.testing.MockApiServer;
import io.kubernetes.client.openapi.models.V1Taint;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LiveSnapshotsTest {

  @RegisterExtension final MockApiServer api = new MockApiServer();

  @Test
  void readReturnsTheClaimsAndPodsOfTheAskedNamespacesAndEveryVolume() throws Exception {
    ClusterObjects cluster = new ClusterObjects(api.client());
    cluster.volume("pv-1");
    cluster.volume("pv-2");
    cluster.claim("shop", "data", "pv-1");
    cluster.claim("other", "data", "pv-2");
    cluster.pod("shop", "db-0", "node-a", "data");
    cluster.pod("other", "db-0", "node-b", "data");

    ClusterSnapshot snapshot = LiveSnapshots.read(api.client(), List.of("shop"));

    assertThat(snapshot.claims()).extracting(Claim::namespace, Claim::name)
        .containsExactly(tuple("shop", "data"));
    assertThat(snapshot.claims().get(0).volumeName()).contains("pv-1");
    Pod pod = snapshot.pods().get(0);
    assertThat(snapshot.pods()).hasSize(1);
    assertThat(pod.namespace()).isEqualTo("shop");
    assertThat(pod.nodeName()).contains("node-a");
    assertThat(pod.claimVolumes()).containsExactly(PodVolume.of("data", "data"));
    assertThat(snapshot.volume("pv-1")).isPresent();
    assertThat(snapshot.volume("pv-2")).isPresent();
  }

  @Test
  void readMakesTwoListsPerNamespaceAndOneForVolumes() throws Exception {
    ClusterObjects cluster = new ClusterObjects(api.client());
    cluster.claim("shop", "data", "pv-1");
    api.takeRequests();

    LiveSnapshots.read(api.client(), List.of("shop", "other", "shop"));

    assertThat(api.takeRequests())
        .containsExactly(
            "GET /api/v1/namespaces/shop/persistentvolumeclaims?limit=500&watch=false",
            "GET /api/v1/namespaces/shop/pods?limit=500&watch=false",
            "GET /api/v1/namespaces/other/persistentvolumeclaims?limit=500&watch=false",
            "GET /api/v1/namespaces/other/pods?limit=500&watch=false",
            "GET /api/v1/persistentvolumes?limit=500&watch=false");
  }

  @Test
  void readNeitherListsNodesNorHoldsThem() throws Exception {
    new ClusterObjects(api.client()).node("worker-1", "worker-1");
    api.takeRequests();

    ClusterSnapshot snapshot = LiveSnapshots.read(api.client(), List.of("shop"));

    assertThat(snapshot.nodes()).isEmpty();
    assertThat(api.takeRequests()).noneMatch(request -> request.contains("nodes"));
  }

  @Test
  void readWithNodesAlsoListsEveryNodeWithOneMoreRequest() throws Exception {
    ClusterObjects cluster = new ClusterObjects(api.client());
    cluster.claim("shop", "data", "pv-1");
    cluster.node("worker-2", "worker-2");
    cluster.node("ip-10-0-0-7.ec2.internal", "ip-10-0-0-7",
        new V1Taint().key("dedicated").value("storage").effect("NoSchedule"),
        new V1Taint().key("spot").effect("PreferNoSchedule"));
    api.takeRequests();

    ClusterSnapshot snapshot = LiveSnapshots.readWithNodes(api.client(), List.of("shop"));

    assertThat(api.takeRequests())
        .containsExactly(
            "GET /api/v1/namespaces/shop/persistentvolumeclaims?limit=500&watch=false",
            "GET /api/v1/namespaces/shop/pods?limit=500&watch=false",
            "GET /api/v1/persistentvolumes?limit=500&watch=false",
            "GET /api/v1/nodes?limit=500&watch=false");
    assertThat(snapshot.claims()).hasSize(1);
    assertThat(snapshot.nodes()).extracting(Node::name)
        .containsExactly("ip-10-0-0-7.ec2.internal", "worker-2");
    Node tainted = snapshot.nodeWithHostname("ip-10-0-0-7").orElseThrow();
    assertThat(tainted.taints()).containsExactly(
        Taint.builder().key("dedicated").value("storage").effect("NoSchedule").build(),
        Taint.builder().key("spot").effect("PreferNoSchedule").build());
  }

  @Test
  void forbiddenNodeListNamesTheVerbAndResourceToGrant() {
    api.server().expect().get().withPath("/api/v1/nodes?limit=500&watch=false")
        .andReturn(403, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
            + "\"reason\":\"Forbidden\",\"code\":403,\"message\":\"nodes is forbidden\"}")
        .always();

    SnapshotException e = catchThrowableOfType(
        SnapshotException.class, () -> LiveSnapshots.readWithNodes(api.client(), List.of("shop")));

    assertThat(e).hasMessage("forbidden: cannot list nodes (cluster-scoped); grant \"list\" on nodes");
  }

  @Test
  void requestCountIsTheSameForFiveAndThreeHundredClaims() throws Exception {
    ClusterObjects cluster = new ClusterObjects(api.client());
    List<String> namespaces = List.of("small", "large");
    for (int i = 0; i < 5; i++) {
      cluster.claim("small", "data-" + i, "pv-small-" + i);
    }
    for (int i = 0; i < 300; i++) {
      cluster.claim("large", "data-" + i, "pv-large-" + i);
    }

    int small = requestsToRead("small");
    int large = requestsToRead("large");

    assertThat(small).as("2 lists for the one namespace, 1 for volumes").isEqualTo(3);
    assertThat(large).isEqualTo(small);
    assertThat(LiveSnapshots.read(api.client(), namespaces).claims()).hasSize(305);
  }

  private int requestsToRead(String namespace) throws Exception {
    int before = api.requestCount();
    ClusterSnapshot snapshot = LiveSnapshots.read(api.client(), List.of(namespace));
    assertThat(snapshot.claims()).isNotEmpty();
    return api.requestCount() - before;
  }

  @Test
  void forbiddenVolumeListNamesTheVerbAndResourceToGrant() {
    api.server().expect().get().withPath("/api/v1/persistentvolumes?limit=500&watch=false")
        .andReturn(403, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
            + "\"reason\":\"Forbidden\",\"code\":403,\"message\":\"persistentvolumes is forbidden\"}")
        .always();

    SnapshotException e = catchThrowableOfType(
        SnapshotException.class, () -> LiveSnapshots.read(api.client(), List.of("shop")));

    assertThat(e).hasMessage("forbidden: cannot list persistentvolumes (cluster-scoped);"
        + " grant \"list\" on persistentvolumes");
  }

  @Test
  void forbiddenPodListNamesTheNamespace() {
    api.server().expect().get().withPath("/api/v1/namespaces/shop/pods?limit=500&watch=false")
        .andReturn(403, "{}").always();

    SnapshotException e = catchThrowableOfType(
        SnapshotException.class, () -> LiveSnapshots.read(api.client(), List.of("shop")));

    assertThat(e).hasMessage(
        "forbidden: cannot list pods in namespace shop; grant \"list\" on pods in namespace shop");
  }

  @Test
  void rejectedCredentialsAreReported() {
    api.server().expect().get().withPath("/api/v1/namespaces/shop/persistentvolumeclaims?limit=500&watch=false")
        .andReturn(401, "{}").always();

    SnapshotException e = catchThrowableOfType(
        SnapshotException.class, () -> LiveSnapshots.read(api.client(), List.of("shop")));

    assertThat(e).hasMessage("unauthorized: the Kubernetes API server at " + api.baseUrl()
        + " did not accept the credentials to list persistentvolumeclaims in namespace shop;"
        + " check the kubeconfig or token");
  }

  @Test
  void missingNamespaceIsReported() {
    api.server().expect().get().withPath("/api/v1/namespaces/gone/persistentvolumeclaims?limit=500&watch=false")
        .andReturn(404, "{}").always();

    SnapshotException e = catchThrowableOfType(
        SnapshotException.class, () -> LiveSnapshots.read(api.client(), List.of("gone")));

    assertThat(e).hasMessage("not found: list persistentvolumeclaims in namespace gone answered 404; check that the"
        + " server at " + api.baseUrl() + " is a Kubernetes API server that serves persistentvolumeclaims (it answers"
        + " an empty list, not 404, for a namespace that does not exist)");
  }

  @Test
  void serverErrorCarriesTheServersMessage() {
    api.server().expect().get().withPath("/api/v1/persistentvolumes?limit=500&watch=false")
        .andReturn(500, "{\"kind\":\"Status\",\"message\":\"etcd is\\nunavailable\"}").always();

    SnapshotException e = catchThrowableOfType(
        SnapshotException.class, () -> LiveSnapshots.read(api.client(), List.of()));

    assertThat(e).hasMessage("the Kubernetes API server at " + api.baseUrl() + " answered HTTP 500"
        + " to list persistentvolumes (cluster-scoped): etcd is unavailable");
  }

  @Test
  void aThrottledOrFailingListIsTriedAgainAsEveryCallIs() throws Exception {
    String claims = "/api/v1/namespaces/shop/persistentvolumeclaims?limit=500&watch=false";
    String volumes = "/api/v1/persistentvolumes?limit=500&watch=false";
    api.server().expect().get().withPath(claims)
        .andReturn(429, "{\"kind\":\"Status\",\"code\":429,\"message\":\"too many requests\"}").once();
    api.server().expect().get().withPath(volumes).andReturn(503, "{}").once();

    ClusterSnapshot snapshot = LiveSnapshots.read(api.client(), List.of("shop"));

    assertThat(snapshot.claims()).isEmpty();
    assertThat(api.takeRequests()).containsExactly("GET " + claims, "GET " + claims,
        "GET /api/v1/namespaces/shop/pods?limit=500&watch=false", "GET " + volumes, "GET " + volumes);
  }

  @Test
  void fieldsUnknownToClientJavaAreIgnored() throws Exception {
    api.server().expect().get().withPath("/api/v1/namespaces/shop/pods?limit=500&watch=false")
        .andReturn(200, "{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"metadata\":{},"
            + "\"fieldFromTheFuture\":1,\"items\":[{\"metadata\":{\"name\":\"p\","
            + "\"namespace\":\"shop\",\"newField\":true},\"spec\":{\"nodeName\":\"n\","
            + "\"containers\":[{\"name\":\"c\",\"newOption\":{}}]}}]}")
        .always();

    ClusterSnapshot snapshot = LiveSnapshots.read(api.client(), List.of("shop"));

    assertThat(snapshot.pods()).extracting(Pod::name).containsExactly("p");
  }

  @Test
  void anUnreachableServerIsTriedAgainThenFailsFastWithTheServerAddress() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port;
    List<Duration> backoffs = new ArrayList<>();
    KubeGateway gateway = RetryingGateway.of(ClientJavaGateway.of(MockApiServer.clientFor(url)),
        RetryPolicy.defaults(), backoffs::add);

    long start = System.nanoTime();
    SnapshotException e = catchThrowableOfType(SnapshotException.class,
        () -> LiveSnapshots.read(gateway, List.of("shop"), false, LiveSnapshots.DEFAULT_PAGE_SIZE));

    assertThat(e).hasMessage("cannot connect to the Kubernetes API server at " + url
        + " to list persistentvolumeclaims in namespace shop: connection refused;"
        + " check the server address and that the cluster is reachable");
    assertThat(backoffs).as("a refused connection may be a restarting API server: tried again").hasSize(4);
    assertThat(System.nanoTime() - start).as("no attempt waited for the connect timeout")
        .isLessThan(MockApiServer.CONNECT_TIMEOUT.toNanos());
  }

  @Test
  void credentialsInTheServerAddressAreNotShown() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }

    SnapshotException e = catchThrowableOfType(
        SnapshotException.class,
        () -> LiveSnapshots.read(
            MockApiServer.clientFor("http://admin:s3cret@127.0.0.1:" + port + "?token=t0k"),
            List.of("shop")));

    assertThat(e.getMessage()).contains("http://127.0.0.1:" + port)
        .doesNotContain("s3cret").doesNotContain("admin").doesNotContain("t0k");
  }
}
