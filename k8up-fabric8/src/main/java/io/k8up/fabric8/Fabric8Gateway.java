package io.k8up.fabric8;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.gson.JsonObject;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.PreconditionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.k8up.core.kube.DiscoveryPath;
import io.k8up.core.kube.ExecSession;
import io.k8up.core.kube.KubeFailure;
import io.k8up.core.kube.KubeGateway;
import io.k8up.core.kube.KubeRequest;
import io.k8up.core.kube.ListPage;
import io.k8up.core.kube.ListQuery;
import io.k8up.core.kube.Precondition;
import io.k8up.core.kube.RetryingGateway;
import io.k8up.core.spi.ResourceType;
import io.k8up.fabric8.internal.Fabric8ExecSession;
import io.k8up.fabric8.internal.Fabric8Failures;
import io.k8up.fabric8.internal.JsonBridge;
import io.k8up.fabric8.internal.RawRequests;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The gateway on a fabric8 {@link KubernetesClient}, such as the one a Java Operator SDK operator
 * already has: create, get and list of every type through fabric8's generic resources (JSON in and
 * out, so a newer server's unknown fields are kept); the delete with a precondition and the patch
 * of {@code pods/ephemeralcontainers}, which fabric8's DSL cannot send as one request, and exec, one
 * WebSocket, through the client's own HTTP client (its credentials, TLS and timeouts). Failures are
 * mapped to {@link KubeFailure} as k8up-core's client-java gateway maps them; an answer that cannot
 * be read is {@link KubeFailure#unreadable}. Makes each call once; wrap it in {@link
 * RetryingGateway}. Thread-safe, as the client is.
 *
 * <p>fabric8 retries failed requests itself ({@code requestRetryBackoffLimit}, 10 by default):
 * give this gateway a client with that limit at 0, so that {@link RetryingGateway} is the one retry
 * policy and {@link #requestCount()} counts every request; with fabric8's retries on, both retry
 * and the count misses fabric8's own.
 */
public final class Fabric8Gateway implements KubeGateway {

  private static final String EPHEMERAL_CONTAINERS = "ephemeralcontainers";
  private static final String STRATEGIC_MERGE = "application/strategic-merge-patch+json";

  private final KubernetesClient client;
  private final JsonBridge json;
  private final Fabric8Failures failures;
  private final RawRequests raw;
  private final AtomicLong requests = new AtomicLong();

  private Fabric8Gateway(KubernetesClient client) {
    this.client = client;
    this.json = JsonBridge.of(client.getKubernetesSerialization());
    this.failures = Fabric8Failures.of(KubeFailure.serverAddress(client.getMasterUrl().toString().replaceAll("/+$", "")));
    this.raw = RawRequests.of(client, failures);
  }

  /**
   * The gateway to the server {@code client} points at; its request timeout bounds every call.
   *
   * @throws NullPointerException if {@code client} is null
   */
  public static Fabric8Gateway of(KubernetesClient client) {
    return new Fabric8Gateway(checkNotNull(client, "client"));
  }

  @Override
  public JsonObject create(ResourceType type, JsonObject object) throws KubeFailure {
    KubeRequest request = KubeRequest.creating(type, object);
    Optional<String> namespace = request.namespace();
    GenericKubernetesResource body = json.fromTree(object, GenericKubernetesResource.class);
    GenericKubernetesResource created = call(request, () -> resources(type, namespace).resource(body).create());
    return tree(request, created);
  }

  @Override
  public Optional<JsonObject> get(ResourceType type, String namespace, String name) throws KubeFailure {
    KubeRequest request = KubeRequest.of("get", type, Optional.of(namespace));
    // fabric8 answers a 404 to a get with null.
    GenericKubernetesResource found = call(request,
        () -> resources(type, Optional.of(namespace)).withName(name).get());
    return found == null ? Optional.empty() : Optional.of(tree(request, found));
  }

  @Override
  public ListPage listPage(ResourceType type, ListQuery query, Optional<String> continueToken) throws KubeFailure {
    KubeRequest request = KubeRequest.of("list", type, query.namespace());
    ListOptionsBuilder options = new ListOptionsBuilder().withLimit((long) query.pageSize());
    query.labelSelector().ifPresent(options::withLabelSelector);
    query.fieldSelector().ifPresent(options::withFieldSelector);
    continueToken.ifPresent(options::withContinue);
    GenericKubernetesResourceList list = call(request, () -> resources(type, query.namespace()).list(options.build()));
    ImmutableList.Builder<JsonObject> items = ImmutableList.builder();
    for (GenericKubernetesResource item : list.getItems()) {
      items.add(tree(request, item));
    }
    String next = list.getMetadata() == null ? null : list.getMetadata().getContinue();
    return new ListPage(items.build(), next == null || next.isEmpty() ? Optional.empty() : Optional.of(next));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Sent through fabric8's HTTP client: its own patch of a subresource reads the pod first.
   */
  @Override
  public JsonObject patchSubresource(ResourceType type, String namespace, String name, String subresource,
      JsonObject patch) throws KubeFailure, InterruptedException {
    checkArgument(type.equals(ResourceType.POD) && subresource.equals(EPHEMERAL_CONTAINERS),
        "only pods/ephemeralcontainers can be patched, not %s/%s", type.plural(), subresource);
    KubeRequest request = new KubeRequest("patch", type, Optional.of(subresource), Optional.of(namespace));
    requests.incrementAndGet();
    return raw.send(request, namespace, name, "PATCH", STRATEGIC_MERGE, patch.toString(), false)
        .orElseThrow(() -> KubeFailure.unreadable(request, failures.server(), "an empty answer"));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Sent through fabric8's HTTP client, as its delete takes no uid precondition.
   */
  @Override
  public void delete(ResourceType type, String namespace, String name, Precondition precondition)
      throws KubeFailure, InterruptedException {
    KubeRequest request = KubeRequest.of("delete", type, Optional.of(namespace));
    DeleteOptionsBuilder options = new DeleteOptionsBuilder().withPropagationPolicy("Background");
    if (precondition.uid().isPresent() || precondition.resourceVersion().isPresent()) {
      options.withPreconditions(new PreconditionsBuilder().withUid(precondition.uid().orElse(null))
          .withResourceVersion(precondition.resourceVersion().orElse(null)).build());
    }
    requests.incrementAndGet();
    raw.send(request, namespace, name, "DELETE", "application/json",
        client.getKubernetesSerialization().asJson(options.build()), true);
  }

  /**
   * {@inheritDoc}
   *
   * <p>One request, a WebSocket through the client's HTTP client; it needs {@code create} on {@code
   * pods/exec}.
   */
  @Override
  public ExecSession exec(String namespace, String pod, String container, List<String> command) {
    requests.incrementAndGet();
    StringBuilder url = new StringBuilder(raw.objectUrl(new KubeRequest("create", ResourceType.POD,
        Optional.of("exec"), Optional.of(namespace)), namespace, pod))
        .append("?stdin=false&stdout=true&stderr=true&tty=false&container=").append(RawRequests.segment(container));
    command.forEach(part -> url.append("&command=").append(RawRequests.segment(part)));
    return Fabric8ExecSession.start(client.getHttpClient(), URI.create(url.toString()),
        Duration.ofMillis(client.getConfiguration().getConnectionTimeout()));
  }

  @Override
  public Optional<JsonObject> discovery(String path) throws InterruptedException {
    DiscoveryPath.checked(path);
    requests.incrementAndGet();
    return raw.discovery(path);
  }

  @Override
  public long requestCount() {
    return requests.get();
  }

  /** One call, counted; fabric8's failure mapped. */
  private <T> T call(KubeRequest request, Supplier<T> call) throws KubeFailure {
    requests.incrementAndGet();
    try {
      return call.get();
    } catch (KubernetesClientException e) {
      throw failures.of(request, e);
    }
  }

  private JsonObject tree(KubeRequest request, Object answer) throws KubeFailure {
    try {
      return json.toTree(answer);
    } catch (IllegalArgumentException e) {
      throw KubeFailure.unreadable(request, failures.server(), e.getMessage());
    }
  }

  // Without a namespace the context is cluster-scoped, which for a namespaced type lists every namespace.
  private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> resources(ResourceType type, Optional<String> namespace) {
    MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
        operation = client.genericKubernetesResources(new ResourceDefinitionContext.Builder()
            .withGroup(type.group())
            .withVersion(type.version())
            .withKind(type.kind())
            .withPlural(type.plural())
            .withNamespaced(namespace.isPresent())
            .build());
    return namespace.isPresent() ? operation.inNamespace(namespace.get()) : operation;
  }

}
