package io.k8up.core.kube;

import com.google.gson.JsonObject;
import io.k8up.core.spi.ResourceType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every call the library makes to a Kubernetes API server. Objects travel as JSON trees, read
 * leniently: a newer server's unknown fields never break a call. Implementations map their
 * client's failures to {@link KubeFailure} and make each call once; {@link RetryingGateway} adds
 * the one retry policy. Implementations are thread-safe.
 */
public interface KubeGateway {

  /** The status of an answer to a continue token the server no longer knows. */
  int GONE = 410;

  /**
   * Creates {@code object} (its namespace from its metadata, or none for a cluster-scoped type) and
   * returns it as the server stored it.
   *
   * @throws KubeFailure with {@link KubeFailure#isConflict()} if an object of that name exists
   */
  JsonObject create(ResourceType type, JsonObject object) throws KubeFailure, InterruptedException;

  /** The object {@code namespace/name}, or empty when there is none. */
  Optional<JsonObject> get(ResourceType type, String namespace, String name) throws KubeFailure, InterruptedException;

  /**
   * One page of the objects {@code query} selects: the first when {@code continueToken} is empty,
   * else the one the token asks for.
   *
   * @throws KubeFailure with {@link KubeFailure#code()} 410 if the token expired
   */
  ListPage listPage(ResourceType type, ListQuery query, Optional<String> continueToken)
      throws KubeFailure, InterruptedException;

  /**
   * Hands each object {@code query} selects to {@code consumer}, one page at a time, so that no
   * more than a page is held here at once. A continue token that expires (410 Gone) starts the
   * list over once, telling the consumer; a second expiry fails.
   */
  default void list(ResourceType type, ListQuery query, ListConsumer consumer) throws KubeFailure, InterruptedException {
    boolean restarted = false;
    Optional<String> next = Optional.empty();
    while (true) {
      ListPage page;
      try {
        page = listPage(type, query, next);
      } catch (KubeFailure e) {
        if (e.code() != GONE || next.isEmpty()) {
          throw e;
        }
        if (restarted) {
          throw KubeFailure.expiredTwice(e);
        }
        restarted = true;
        next = Optional.empty();
        consumer.restart();
        continue;
      }
      page.items().forEach(consumer::accept);
      next = page.continueToken();
      if (next.isEmpty()) {
        return;
      }
    }
  }

  /** The objects {@code query} selects, in one list. */
  default List<JsonObject> list(ResourceType type, ListQuery query) throws KubeFailure, InterruptedException {
    List<JsonObject> items = new ArrayList<>();
    list(type, query, new ListConsumer() {
      @Override
      public void accept(JsonObject item) {
        items.add(item);
      }

      @Override
      public void restart() {
        items.clear();
      }
    });
    return items;
  }

  /**
   * Applies a strategic-merge {@code patch} to the {@code subresource} of {@code namespace/name},
   * such as a pod's {@code ephemeralcontainers}, and returns the object.
   */
  JsonObject patchSubresource(ResourceType type, String namespace, String name, String subresource, JsonObject patch)
      throws KubeFailure, InterruptedException;

  /**
   * Deletes {@code namespace/name}, and in the background what it owns (a Job's pods), if it still
   * is the object {@code precondition} names. An object that is gone already is fine.
   *
   * @throws KubeFailure with {@link KubeFailure#isConflict()} if the precondition no longer holds
   */
  void delete(ResourceType type, String namespace, String name, Precondition precondition)
      throws KubeFailure, InterruptedException;

  /**
   * Starts {@code command} in {@code container} of pod {@code namespace/pod}, with no standard
   * input and no terminal. Returns at once; a refusal shows when the session ends.
   *
   * @throws IOException if the request cannot be made
   */
  ExecSession exec(String namespace, String pod, String container, List<String> command) throws IOException;

  /**
   * The server's discovery document at {@code path}, one of {@link DiscoveryPath}'s. Empty when it
   * cannot be read: not served (404), refused, or no answer. Discovery only tells what is known and
   * never fails a read, so it is not retried either.
   *
   * @throws IllegalArgumentException if {@code path} is not a discovery path
   */
  Optional<JsonObject> discovery(String path) throws InterruptedException;

  /** How many requests were sent, retries included. */
  long requestCount();
}
