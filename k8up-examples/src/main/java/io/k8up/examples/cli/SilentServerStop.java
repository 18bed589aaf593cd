package io.k8up.examples.cli;

import com.google.gson.JsonObject;
import io.k8up.core.kube.KubeFailure;
import io.k8up.core.kube.ForwardingKubeGateway;
import io.k8up.core.kube.KubeGateway;
import io.k8up.core.kube.KubeRequest;
import io.k8up.core.kube.ListPage;
import io.k8up.core.kube.ListQuery;
import io.k8up.core.kube.Precondition;
import io.k8up.core.spi.ResourceType;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A gateway that, once a call got no answer after its retries, fails every later call at once with
 * that failure: a command that makes many independent calls (a sweep lists every kind in every
 * namespace) then waits for a silent server once, not once per call.
 */
final class SilentServerStop extends ForwardingKubeGateway {

  private final String server;
  private final AtomicReference<KubeFailure> silence = new AtomicReference<>();

  /** Stops {@code gateway}, whose server is at {@code basePath}, once it got no answer. */
  SilentServerStop(KubeGateway gateway, String basePath) {
    super(gateway);
    this.server = KubeFailure.serverAddress(basePath);
  }

  /** The first call that got no answer, if one did. */
  Optional<KubeFailure> silence() {
    return Optional.ofNullable(silence.get());
  }

  /** One call of the wrapped gateway. */
  private interface Call<T> {
    T make() throws KubeFailure, InterruptedException;
  }

  // A later call fails naming its own request, so that a report of failures says what each was.
  private <T> T call(KubeRequest request, Call<T> call) throws KubeFailure, InterruptedException {
    KubeFailure earlier = silence.get();
    if (earlier != null) {
      throw KubeFailure.noAnswer(request, server,
          new IOException("not sent: the server did not answer " + earlier.request()));
    }
    try {
      return call.make();
    } catch (KubeFailure e) {
      if (e.getCause() instanceof IOException) {
        silence.compareAndSet(null, e);
      }
      throw e;
    }
  }

  @Override
  public JsonObject create(ResourceType type, JsonObject object) throws KubeFailure, InterruptedException {
    return call(KubeRequest.creating(type, object), () -> delegate().create(type, object));
  }

  @Override
  public Optional<JsonObject> get(ResourceType type, String namespace, String name)
      throws KubeFailure, InterruptedException {
    return call(KubeRequest.of("get", type, Optional.of(namespace)), () -> delegate().get(type, namespace, name));
  }

  @Override
  public ListPage listPage(ResourceType type, ListQuery query, Optional<String> continueToken)
      throws KubeFailure, InterruptedException {
    return call(KubeRequest.of("list", type, query.namespace()), () -> delegate().listPage(type, query, continueToken));
  }

  @Override
  public JsonObject patchSubresource(ResourceType type, String namespace, String name, String subresource,
      JsonObject patch) throws KubeFailure, InterruptedException {
    return call(new KubeRequest("patch", type, Optional.of(subresource), Optional.of(namespace)),
        () -> delegate().patchSubresource(type, namespace, name, subresource, patch));
  }

  @Override
  public void delete(ResourceType type, String namespace, String name, Precondition precondition)
      throws KubeFailure, InterruptedException {
    call(KubeRequest.of("delete", type, Optional.of(namespace)), () -> {
      delegate().delete(type, namespace, name, precondition);
      return null;
    });
  }

}
