package io.k8up.core.kube;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.gson.JsonObject;
import io.k8up.core.spi.ResourceType;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A {@link KubeGateway} that passes every call to another: a decorator (retries, a record of
 * requests, an injected failure) extends it and overrides only the calls it changes, as Guava's
 * {@code Forwarding…} collections do.
 */
public abstract class ForwardingKubeGateway implements KubeGateway {

  private final KubeGateway delegate;

  /** A gateway that passes every call to {@code delegate}. */
  protected ForwardingKubeGateway(KubeGateway delegate) {
    this.delegate = checkNotNull(delegate, "delegate");
  }

  /** The gateway calls are passed to. */
  protected final KubeGateway delegate() {
    return delegate;
  }

  @Override
  public JsonObject create(ResourceType type, JsonObject object)
      throws KubeFailure, InterruptedException {
    return delegate.create(type, object);
  }

  @Override
  public Optional<JsonObject> get(ResourceType type, String namespace, String name)
      throws KubeFailure, InterruptedException {
    return delegate.get(type, namespace, name);
  }

  @Override
  public ListPage listPage(ResourceType type, ListQuery query, Optional<String> continueToken)
      throws KubeFailure, InterruptedException {
    return delegate.listPage(type, query, continueToken);
  }

  @Override
  public JsonObject patchSubresource(ResourceType type, String namespace, String name,
      String subresource, JsonObject patch) throws KubeFailure, InterruptedException {
    return delegate.patchSubresource(type, namespace, name, subresource, patch);
  }

  @Override
  public void delete(ResourceType type, String namespace, String name, Precondition precondition)
      throws KubeFailure, InterruptedException {
    delegate.delete(type, namespace, name, precondition);
  }

  @Override
  public ExecSession exec(String namespace, String pod, String container, List<String> command)
      throws IOException {
    return delegate.exec(namespace, pod, container, command);
  }

  @Override
  public Optional<JsonObject> discovery(String path) throws InterruptedException {
    return delegate.discovery(path);
  }

  @Override
  public long requestCount() {
    return delegate.requestCount();
  }
}
