package io.k8up.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k8up.core.run.ExecutorOptions;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.testing.MockApiServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(30)
class K8upRwoPageSizeTest {

  private static final String PODS = "/api/v1/namespaces/shop/pods";

  @RegisterExtension final MockApiServer api = new MockApiServer();

  @Test
  void aLiveClusterIsListedInPagesOfThePageSizeGiven() throws Exception {
    api.server().expect().get().withPath(PODS + "?limit=2&watch=false").andReturn(200, pods("t1", 0, 1)).once();
    api.server().expect().get().withPath(PODS + "?continue=t1&limit=2&watch=false").andReturn(200, pods("", 2)).once();

    ClusterSnapshot snapshot = K8upRwo.builder().liveCluster(api.client(), List.of("shop")).pageSize(2).build()
        .snapshot();

    assertThat(api.takeRequests()).filteredOn(request -> request.contains("/pods"))
        .containsExactly("GET " + PODS + "?limit=2&watch=false", "GET " + PODS + "?continue=t1&limit=2&watch=false");
    assertThat(snapshot.pods()).hasSize(3);
  }

  @Test
  void theExecutorOptionsPageSizeAppliesWhenNoneIsGiven() {
    assertThat(ExecutorOptions.builder().pageSize(7).build().pageSize()).isEqualTo(7);
    assertThat(ExecutorOptions.defaults().pageSize()).isEqualTo(500);
    assertThatThrownBy(() -> ExecutorOptions.builder().pageSize(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pageSize must be at least 1");
  }

  @Test
  void aPageSizeMustBePositive() {
    assertThatThrownBy(() -> K8upRwo.builder().pageSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the page size must be positive, not 0");
  }

  private static String pods(String next, int... numbers) {
    StringBuilder items = new StringBuilder();
    for (int number : numbers) {
      items.append(items.length() == 0 ? "" : ",").append("{\"metadata\":{\"name\":\"pod-").append(number)
          .append("\",\"namespace\":\"shop\"},\"spec\":{\"containers\":[{\"name\":\"c\"}]}}");
    }
    return "{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"metadata\":{\"continue\":\"" + next + "\"},\"items\":["
        + items + "]}";
  }
}
