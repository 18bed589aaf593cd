package io.k8up.fabric8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.k8up.core.K8upRwo;
import io.k8up.core.model.Pod;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.snapshot.LiveSnapshots;
import io.k8up.core.snapshot.SnapshotException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The live read through a fabric8 client makes the requests the client-java read makes: per
 * namespace the claims and the pods, then the PersistentVolumes, each list in pages of the page
 * size ({@code limit}, then {@code continue}); a continue token that expires (410 Gone) starts that
 * list over once, and a second expiry fails with a message that says what to do. The same rules as
 * k8up-core's {@code LiveSnapshotPagingTest} on client-java.
 */
@Timeout(30)
class LiveReadOnFabric8Test {

  private static final String PODS = "/api/v1/namespaces/big/pods";

  @RegisterExtension final Fabric8MockServer api = new Fabric8MockServer();

  private static String page(int first, int count, String next) {
    StringBuilder items = new StringBuilder();
    for (int i = first; i < first + count; i++) {
      items.append(i == first ? "" : ",").append("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"pod-")
          .append(i).append("\",\"namespace\":\"big\"},\"spec\":{\"nodeName\":\"node-").append(i % 7)
          .append("\",\"containers\":[{\"name\":\"c\"}]},\"status\":{\"phase\":\"Running\"}}");
    }
    return "{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"metadata\":{\"continue\":\"" + next
        + "\"},\"items\":[" + items + "]}";
  }

  // fabric8 writes the query as continue, then limit.
  private static String pagePath(String token, int limit) {
    return PODS + (token == null ? "?limit=" + limit : "?continue=" + token + "&limit=" + limit);
  }

  // Scripts pages of pods 0..total-1, tokens "t1", "t2", …; the last page has no token.
  private void scriptPages(int total, int pageSize) {
    for (int page = 0; page * pageSize < total; page++) {
      int first = page * pageSize;
      String next = first + pageSize < total ? "t" + (page + 1) : "";
      api.server().expect().get().withPath(pagePath(page == 0 ? null : "t" + page, pageSize))
          .andReturn(200, page(first, Math.min(pageSize, total - first), next)).once();
    }
  }

  private List<String> podRequests() throws InterruptedException {
    return api.takeRecorded().stream().map(request -> request.getMethod() + " " + request.getPath())
        .filter(request -> request.contains("/pods")).toList();
  }

  @Test
  void aLiveReadListsClaimsAndPodsPerNamespaceAndVolumesOnceInPages() throws Exception {
    for (String name : List.of("a", "b", "c")) {
      api.client().pods().inNamespace("shop").resource(new PodBuilder().withNewMetadata().withName(name)
          .withNamespace("shop").endMetadata().withNewSpec().withNodeName("worker-1").addNewContainer()
          .withName("app").withImage("app").endContainer().endSpec().build()).create();
    }
    api.takeRecorded();

    ClusterSnapshot snapshot = LiveSnapshots.read(Fabric8Gateway.of(api.client()), List.of("shop", "other"), false,
        LiveSnapshots.DEFAULT_PAGE_SIZE);

    assertThat(snapshot.pods()).extracting(Pod::name).containsExactly("a", "b", "c");
    assertThat(api.takeRecorded()).extracting(request -> request.getMethod() + " " + request.getPath())
        .containsExactly(
            "GET /api/v1/namespaces/shop/persistentvolumeclaims?limit=500",
            "GET /api/v1/namespaces/shop/pods?limit=500",
            "GET /api/v1/namespaces/other/persistentvolumeclaims?limit=500",
            "GET /api/v1/namespaces/other/pods?limit=500",
            "GET /api/v1/persistentvolumes?limit=500");
  }

  @Test
  void aNamespaceOf1200PodsIsReadInThreePagesOf500() throws Exception {
    scriptPages(1_200, 500);
    Fabric8Gateway gateway = Fabric8Gateway.of(api.client());

    ClusterSnapshot snapshot = LiveSnapshots.read(gateway, List.of("big"), false, LiveSnapshots.DEFAULT_PAGE_SIZE);

    assertThat(api.takeRecorded()).extracting(RecordedRequest::getPath).containsExactly(
        "/api/v1/namespaces/big/persistentvolumeclaims?limit=500",
        pagePath(null, 500), pagePath("t1", 500), pagePath("t2", 500),
        "/api/v1/persistentvolumes?limit=500");
    assertThat(gateway.requestCount()).isEqualTo(5);
    assertThat(snapshot.pods()).hasSize(1_200);
    Pod last = snapshot.pods().stream().filter(pod -> pod.name().equals("pod-1199")).findFirst().orElseThrow();
    assertThat(last.nodeName()).contains("node-" + 1_199 % 7);
  }

  @Test
  void thePageSizeOfK8upRwoOnAFabric8ClientIsTheLimitOfEachRequest() throws Exception {
    scriptPages(5, 2);
    K8upRwo backups = K8upRwo.builder().liveCluster(Fabric8Gateway.of(api.client()), List.of("big"))
        .pageSize(2).build();

    ClusterSnapshot snapshot = backups.snapshot();

    assertThat(podRequests()).containsExactly(
        "GET " + pagePath(null, 2), "GET " + pagePath("t1", 2), "GET " + pagePath("t2", 2));
    assertThat(snapshot.pods()).extracting(Pod::name).containsExactly("pod-0", "pod-1", "pod-2", "pod-3", "pod-4");
  }

  @Test
  void anExpiredContinueTokenRestartsTheListOnceWithoutDuplicates() throws Exception {
    api.server().expect().get().withPath(pagePath(null, 2)).andReturn(200, page(0, 2, "t1")).once();
    api.server().expect().get().withPath(pagePath("t1", 2))
        .andReturn(410, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":410,"
            + "\"reason\":\"Expired\",\"message\":\"The provided continue parameter is too old\"}").once();
    scriptPages(3, 2);

    ClusterSnapshot snapshot = LiveSnapshots.read(Fabric8Gateway.of(api.client()), List.of("big"), false, 2);

    assertThat(podRequests()).containsExactly("GET " + pagePath(null, 2), "GET " + pagePath("t1", 2),
        "GET " + pagePath(null, 2), "GET " + pagePath("t1", 2));
    assertThat(snapshot.pods()).extracting(Pod::name).containsExactly("pod-0", "pod-1", "pod-2");
  }

  @Test
  void aContinueTokenThatExpiresTwiceFailsClearly() throws Exception {
    api.server().expect().get().withPath(pagePath(null, 2)).andReturn(200, page(0, 2, "t1")).times(2);
    api.server().expect().get().withPath(pagePath("t1", 2)).andReturn(410, "{}").times(2);

    SnapshotException e = catchThrowableOfType(SnapshotException.class,
        () -> LiveSnapshots.read(Fabric8Gateway.of(api.client()), List.of("big"), false, 2));

    assertThat(e).hasMessage("listing pods in namespace big failed: the API server's continue token expired"
        + " twice (410 Gone), so the list changed or took too long twice; try again, or with larger pages");
    assertThat(podRequests()).as("no third try").hasSize(4);
  }
}
