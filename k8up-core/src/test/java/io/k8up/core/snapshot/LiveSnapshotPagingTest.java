package io.k8up.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.gson.JsonObject;
import io.k8up.core.kube.ClientJavaGateway;
import io.k8up.core.kube.KubeFailure;
import io.k8up.core.kube.ForwardingKubeGateway;
import io.k8up.core.kube.KubeGateway;
import io.k8up.core.kube.ListConsumer;
import io.k8up.core.kube.ListPage;
import io.k8up.core.kube.ListQuery;
import io.k8up.core.model.Pod;
import io.k8up.core.spi.ResourceType;
import io.k8up.core.testing.MockApiServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Live lists are read page by page, each page converted before the next is asked for. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LiveSnapshotPagingTest {

  private static final String PODS = "/api/v1/namespaces/big/pods";

  @RegisterExtension final MockApiServer api = new MockApiServer();

  private static String page(int first, int count, String next) {
    StringBuilder items = new StringBuilder();
    for (int i = first; i < first + count; i++) {
      items.append(i == first ? "" : ",").append("{\"metadata\":{\"name\":\"pod-").append(i)
          .append("\",\"namespace\":\"big\"},\"spec\":{\"nodeName\":\"node-").append(i % 7)
          .append("\",\"containers\":[{\"name\":\"c\"}]},\"status\":{\"phase\":\"Running\"}}");
    }
    return "{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"metadata\":{\"continue\":\"" + next
        + "\"},\"items\":[" + items + "]}";
  }

  private static String pagePath(String token, int limit) {
    return PODS + (token == null ? "?limit=" + limit + "&watch=false" : "?continue=" + token + "&limit=" + limit + "&watch=false");
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

  @Test
  void aNamespaceOf20000PodsIsReadIn40PagesOf500() throws Exception {
    scriptPages(20_000, 500);

    ClusterSnapshot snapshot = LiveSnapshots.read(api.client(), List.of("big"));

    List<String> expected = new ArrayList<>();
    expected.add("GET /api/v1/namespaces/big/persistentvolumeclaims?limit=500&watch=false");
    for (int page = 0; page < 40; page++) {
      expected.add("GET " + pagePath(page == 0 ? null : "t" + page, 500));
    }
    expected.add("GET /api/v1/persistentvolumes?limit=500&watch=false");
    assertThat(api.takeRequests()).containsExactlyElementsOf(expected);
    assertThat(snapshot.pods()).hasSize(20_000);
    Pod last = snapshot.pods().stream().filter(pod -> pod.name().equals("pod-19999")).findFirst().orElseThrow();
    assertThat(last.nodeName()).contains("node-" + 19_999 % 7);
  }

  @Test
  void thePageSizeIsAnOption() throws Exception {
    scriptPages(5, 2);

    ClusterSnapshot snapshot = LiveSnapshots.read(api.client(), List.of("big"), 2);

    assertThat(api.takeRequests()).filteredOn(request -> request.contains("/pods"))
        .containsExactly("GET " + pagePath(null, 2), "GET " + pagePath("t1", 2), "GET " + pagePath("t2", 2));
    assertThat(snapshot.pods()).extracting(Pod::name)
        .containsExactly("pod-0", "pod-1", "pod-2", "pod-3", "pod-4");
  }

  @Test
  void anExpiredContinueTokenRestartsTheListOnceWithoutDuplicates() throws Exception {
    api.server().expect().get().withPath(pagePath(null, 2)).andReturn(200, page(0, 2, "t1")).once();
    api.server().expect().get().withPath(pagePath("t1", 2)).andReturn(410, "{}").once();
    scriptPages(3, 2);

    ClusterSnapshot snapshot = LiveSnapshots.read(api.client(), List.of("big"), 2);

    assertThat(api.takeRequests()).filteredOn(request -> request.contains("/pods"))
        .containsExactly("GET " + pagePath(null, 2), "GET " + pagePath("t1", 2),
            "GET " + pagePath(null, 2), "GET " + pagePath("t1", 2));
    assertThat(snapshot.pods()).extracting(Pod::name).containsExactly("pod-0", "pod-1", "pod-2");
  }

  @Test
  void aContinueTokenThatExpiresTwiceFailsClearly() {
    api.server().expect().get().withPath(pagePath(null, 2)).andReturn(200, page(0, 2, "t1")).times(2);
    api.server().expect().get().withPath(pagePath("t1", 2)).andReturn(410, "{}").times(2);

    SnapshotException e = catchThrowableOfType(SnapshotException.class,
        () -> LiveSnapshots.read(api.client(), List.of("big"), 2));

    assertThat(e).hasMessage("listing pods in namespace big failed: the API server's continue token expired"
        + " twice (410 Gone), so the list changed or took too long twice; try again, or with larger pages");
  }

  @Test
  void eachPageIsConvertedBeforeTheNextIsAskedFor() throws Exception {
    scriptPages(1_200, 500);
    List<Integer> convertedWhenAsked = new ArrayList<>();
    int[] converted = {0};
    KubeGateway recording = new PageRecordingGateway(ClientJavaGateway.of(api.client()),
        () -> convertedWhenAsked.add(converted[0]));

    List<String> names = new ArrayList<>();
    recording.list(ResourceType.POD, ListQuery.in("big"), new ListConsumer() {
      @Override
      public void accept(JsonObject item) {
        converted[0]++;
        names.add(item.getAsJsonObject("metadata").get("name").getAsString());
      }

      @Override
      public void restart() {
        throw new AssertionError("no token expired");
      }
    });

    assertThat(convertedWhenAsked).containsExactly(0, 500, 1_000);
    assertThat(names).hasSize(1_200);
  }

  /** Asks the real gateway for each page, telling {@code onPage} first; nothing else is needed here. */
  private static final class PageRecordingGateway extends ForwardingKubeGateway {
    private final Runnable onPage;

    PageRecordingGateway(KubeGateway gateway, Runnable onPage) {
      super(gateway);
      this.onPage = onPage;
    }

    @Override
    public ListPage listPage(ResourceType type, ListQuery query, Optional<String> continueToken)
        throws KubeFailure, InterruptedException {
      onPage.run();
      return delegate().listPage(type, query, continueToken);
    }
  }
}
