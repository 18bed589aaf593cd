package io.k8up.core.kube;

import com.google.gson.JsonObject;
import io.k8up.core.spi.ResourceType;
import java.time.Duration;
import java.util.Optional;

/**
 * The one retry policy, around any {@link KubeGateway}: a transient failure (throttling, a server
 * error, no answer) is tried again after a growing backoff, as {@link RetryPolicy} says; every
 * other failure returns at once. A list retries page by page. Exec is not retried: a command may
 * have started.
 */
public final class RetryingGateway extends ForwardingKubeGateway {

  /** Waits between tries; a test passes one that records instead of sleeping. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  @FunctionalInterface
  private interface Call<T> {
    T call() throws KubeFailure, InterruptedException;
  }

  private final RetryPolicy policy;
  private final Sleeper sleeper;

  private RetryingGateway(KubeGateway gateway, RetryPolicy policy, Sleeper sleeper) {
    super(gateway);
    this.policy = policy;
    this.sleeper = sleeper;
  }

  /** {@code gateway}, retried as {@code policy} says, sleeping between tries. */
  public static KubeGateway of(KubeGateway gateway, RetryPolicy policy) {
    return of(gateway, policy, duration -> Thread.sleep(duration.toMillis()));
  }

  /** {@code gateway}, retried as {@code policy} says, waiting through {@code sleeper}. */
  public static KubeGateway of(KubeGateway gateway, RetryPolicy policy, Sleeper sleeper) {
    return new RetryingGateway(gateway, policy, sleeper);
  }

  @Override
  public JsonObject create(ResourceType type, JsonObject object) throws KubeFailure, InterruptedException {
    return retried(() -> delegate().create(type, object));
  }

  @Override
  public Optional<JsonObject> get(ResourceType type, String namespace, String name)
      throws KubeFailure, InterruptedException {
    return retried(() -> delegate().get(type, namespace, name));
  }

  @Override
  public ListPage listPage(ResourceType type, ListQuery query, Optional<String> continueToken)
      throws KubeFailure, InterruptedException {
    return retried(() -> delegate().listPage(type, query, continueToken));
  }

  @Override
  public JsonObject patchSubresource(ResourceType type, String namespace, String name, String subresource,
      JsonObject patch) throws KubeFailure, InterruptedException {
    return retried(() -> delegate().patchSubresource(type, namespace, name, subresource, patch));
  }

  @Override
  public void delete(ResourceType type, String namespace, String name, Precondition precondition)
      throws KubeFailure, InterruptedException {
    retried(() -> {
      delegate().delete(type, namespace, name, precondition);
      return null;
    });
  }

  private <T> T retried(Call<T> call) throws KubeFailure, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.call();
      } catch (KubeFailure e) {
        if (!e.isTransient() || attempt >= policy.attempts()) {
          throw e;
        }
        sleeper.sleep(policy.backoffAfter(attempt));
      }
    }
  }
}
