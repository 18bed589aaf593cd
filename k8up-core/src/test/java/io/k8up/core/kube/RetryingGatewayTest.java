package io.k8up.core.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.ImmutableList;
import com.google.gson.JsonObject;
import io.k8up.core.spi.ResourceType;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One retry policy around any gateway: transient failures are tried again, refusals are not. */
class RetryingGatewayTest {

  private static final KubeRequest GET_JOB = KubeRequest.of("get", ResourceType.JOB, Optional.of("shop"));
  private static final RetryPolicy FOUR_TRIES = RetryPolicy.of(4, Duration.ofMillis(100));

  private final List<Duration> slept = new ArrayList<>();

  /** Answers each get with the next scripted failure, or an object when none is left. */
  private static final class Scripted implements KubeGateway {
    final Deque<KubeFailure> failures = new ArrayDeque<>();
    final Deque<ListPage> pages = new ArrayDeque<>();
    final Deque<KubeFailure> pageFailures = new ArrayDeque<>();
    int calls;

    @Override
    public JsonObject create(ResourceType type, JsonObject object) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<JsonObject> get(ResourceType type, String namespace, String name) throws KubeFailure {
      calls++;
      if (!failures.isEmpty()) {
        throw failures.pop();
      }
      return Optional.of(new JsonObject());
    }

    @Override
    public ListPage listPage(ResourceType type, ListQuery query, Optional<String> continueToken) throws KubeFailure {
      calls++;
      if (continueToken.isPresent() && !pageFailures.isEmpty()) {
        throw pageFailures.pop();
      }
      return pages.pop();
    }

    @Override
    public JsonObject patchSubresource(ResourceType type, String namespace, String name, String subresource,
        JsonObject patch) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void delete(ResourceType type, String namespace, String name, Precondition precondition) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ExecSession exec(String namespace, String pod, String container, List<String> command) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<JsonObject> discovery(String path) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long requestCount() {
      return calls;
    }
  }

  @Test
  void throttlingServerErrorsAndLostConnectionsAreTriedAgainWithAGrowingBackoff() throws Exception {
    Scripted server = new Scripted();
    server.failures.add(KubeFailure.status(GET_JOB, "https://k", 429, "slow down"));
    server.failures.add(KubeFailure.status(GET_JOB, "https://k", 503, ""));
    server.failures.add(KubeFailure.noAnswer(GET_JOB, "https://k", new ConnectException("refused")));

    assertThat(RetryingGateway.of(server, FOUR_TRIES, slept::add).get(ResourceType.JOB, "shop", "j")).isPresent();

    assertThat(server.calls).isEqualTo(4);
    assertThat(slept).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
  }

  @Test
  void aRefusalIsReturnedAtOnceAndTheLastTransientFailureWhenTheTriesRunOut() {
    Scripted forbidden = new Scripted();
    forbidden.failures.add(KubeFailure.status(GET_JOB, "https://k", 403, ""));
    assertThatThrownBy(() -> RetryingGateway.of(forbidden, FOUR_TRIES, slept::add).get(ResourceType.JOB, "shop", "j"))
        .isInstanceOf(KubeFailure.class)
        .hasMessage("forbidden: cannot get jobs.batch in namespace shop; grant \"get\" on jobs (apiGroup batch) in"
            + " namespace shop");
    assertThat(forbidden.calls).isEqualTo(1);

    Scripted busy = new Scripted();
    for (int i = 0; i < 5; i++) {
      busy.failures.add(KubeFailure.status(GET_JOB, "https://k", 500, "etcd timeout " + i));
    }
    assertThatThrownBy(() -> RetryingGateway.of(busy, FOUR_TRIES, slept::add).get(ResourceType.JOB, "shop", "j"))
        .hasMessage("the Kubernetes API server at https://k answered HTTP 500 to get jobs.batch in namespace shop:"
            + " etcd timeout 3");
    assertThat(busy.calls).isEqualTo(4);
  }

  @Test
  void backoffsDoubleUpToTheLongestWait() {
    RetryPolicy policy = new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofSeconds(5));
    assertThat(List.of(policy.backoffAfter(1), policy.backoffAfter(2), policy.backoffAfter(3), policy.backoffAfter(9)))
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(5));
  }

  @Test
  void anExpiredContinueTokenStartsTheListOverOnceThenFails() throws Exception {
    KubeRequest list = KubeRequest.of("list", ResourceType.POD, Optional.of("shop"));
    Scripted server = new Scripted();
    server.pages.add(page("a", "token-1"));
    server.pages.add(page("a", "token-2"));
    server.pages.add(page("b", null));
    server.pageFailures.add(KubeFailure.status(list, "https://k", 410, "the continue token is too old"));

    List<String> seen = new ArrayList<>();
    List<String> restarts = new ArrayList<>();
    server.list(ResourceType.POD, ListQuery.in("shop").withPageSize(1), new ListConsumer() {
      @Override
      public void accept(JsonObject item) {
        seen.add(item.get("name").getAsString());
      }

      @Override
      public void restart() {
        restarts.add("restart after " + seen);
        seen.clear();
      }
    });
    assertThat(restarts).containsExactly("restart after [a]");
    assertThat(seen).containsExactly("a", "b");

    Scripted twice = new Scripted();
    twice.pages.add(page("a", "token-1"));
    twice.pages.add(page("a", "token-2"));
    twice.pageFailures.add(KubeFailure.status(list, "https://k", 410, "too old"));
    twice.pageFailures.add(KubeFailure.status(list, "https://k", 410, "too old again"));
    assertThatThrownBy(() -> twice.list(ResourceType.POD, ListQuery.in("shop"))).isInstanceOf(KubeFailure.class)
        .hasMessage("listing pods in namespace shop failed: the API server's continue token expired twice (410"
            + " Gone), so the list changed or took too long twice; try again, or with larger pages")
        .hasRootCauseMessage("the Kubernetes API server at https://k answered HTTP 410 to list pods in namespace shop:"
            + " too old again");
  }

  @Test
  void aFailureNamesTheServerWithoutItsCredentials() {
    assertThat(KubeFailure.serverAddress("https://user:secret@k8s.example:6443/base?token=x"))
        .isEqualTo("https://k8s.example:6443/base");
    assertThat(KubeFailure.noAnswer(GET_JOB, "https://k", new IOException("reset")).getMessage())
        .isEqualTo("cannot reach the Kubernetes API server at https://k to get jobs.batch in namespace shop: IOException");
  }

  private static ListPage page(String name, String next) {
    JsonObject item = new JsonObject();
    item.addProperty("name", name);
    return new ListPage(ImmutableList.of(item), Optional.ofNullable(next));
  }
}
