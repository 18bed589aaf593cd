package io.k8up.core.kube;

import com.google.common.collect.ImmutableList;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.k8up.core.spi.ResourceType;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.openapi.apis.VersionApi;
import io.kubernetes.client.openapi.models.V1Preconditions;
import io.kubernetes.client.util.generic.KubernetesApiResponse;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesListObject;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import io.kubernetes.client.util.generic.options.CreateOptions;
import io.kubernetes.client.util.generic.options.DeleteOptions;
import io.kubernetes.client.util.generic.options.ListOptions;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import okhttp3.Call;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The gateway on client-java: objects of every type through its generic {@link
 * DynamicKubernetesApi} (JSON in and out, so a newer server's unknown fields are kept, not
 * refused), the {@code ephemeralcontainers} subresource through the typed {@link CoreV1Api}, exec
 * over its WebSocket support. Makes each call once; wrap it in {@link RetryingGateway}.
 */
public final class ClientJavaGateway implements KubeGateway {

  private static final String EPHEMERAL_CONTAINERS = "ephemeralcontainers";
  private static final String STRATEGIC_MERGE = "application/strategic-merge-patch+json";

  private final ApiClient client;
  private final String server;
  private final PodExec exec;
  private final AtomicLong requests = new AtomicLong();

  private ClientJavaGateway(ApiClient client) {
    this.client = client;
    this.server = KubeFailure.serverAddress(client.getBasePath());
    this.exec = new PodExec(client);
  }

  /** The gateway to the server {@code client} points at; its timeouts bound every call. */
  public static ClientJavaGateway of(ApiClient client) {
    return new ClientJavaGateway(client);
  }

  @Override
  public JsonObject create(ResourceType type, JsonObject object) throws KubeFailure {
    KubeRequest request = KubeRequest.creating(type, object);
    Optional<String> namespace = request.namespace();
    DynamicKubernetesObject body = new DynamicKubernetesObject(object);
    return object(request, () -> namespace.isPresent()
        ? api(type).create(namespace.get(), body, new CreateOptions())
        : api(type).create(body, new CreateOptions())).orElseThrow(() -> KubeFailure.unreadable(request, server,
            "an empty answer"));
  }

  @Override
  public Optional<JsonObject> get(ResourceType type, String namespace, String name) throws KubeFailure {
    KubeRequest request = KubeRequest.of("get", type, Optional.of(namespace));
    try {
      return object(request, () -> api(type).get(namespace, name));
    } catch (KubeFailure e) {
      if (e.isNotFound()) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public ListPage listPage(ResourceType type, ListQuery query, Optional<String> continueToken) throws KubeFailure {
    KubeRequest request = KubeRequest.of("list", type, query.namespace());
    ListOptions options = new ListOptions().limit(query.pageSize());
    query.labelSelector().ifPresent(options::labelSelector);
    query.fieldSelector().ifPresent(options::fieldSelector);
    continueToken.ifPresent(options::_continue);
    KubernetesApiResponse<DynamicKubernetesListObject> response = answer(request, () -> query.namespace().isPresent()
        ? api(type).list(query.namespace().get(), options)
        : api(type).list(options));
    JsonObject raw = response.getObject() == null ? null : response.getObject().getRaw();
    if (raw == null) {
      throw KubeFailure.unreadable(request, server, "an empty answer");
    }
    ImmutableList.Builder<JsonObject> items = ImmutableList.builder();
    if (raw.get("items") != null && raw.get("items").isJsonArray()) {
      for (JsonElement item : raw.getAsJsonArray("items")) {
        if (item.isJsonObject()) {
          items.add(item.getAsJsonObject());
        }
      }
    }
    return new ListPage(items.build(), continueToken(raw));
  }

  @Override
  public JsonObject patchSubresource(ResourceType type, String namespace, String name, String subresource,
      JsonObject patch) throws KubeFailure {
    if (!type.equals(ResourceType.POD) || !subresource.equals(EPHEMERAL_CONTAINERS)) {
      throw new IllegalArgumentException("only pods/ephemeralcontainers can be patched, not "
          + type.plural() + "/" + subresource);
    }
    KubeRequest request = new KubeRequest("patch", type, Optional.of(subresource), Optional.of(namespace));
    requests.incrementAndGet();
    Request built;
    try {
      built = new CoreV1Api(client).patchNamespacedPodEphemeralcontainers(name, namespace, new V1Patch(patch.toString())).buildCall(null)
          .request();
    } catch (ApiException e) {
      throw KubeFailure.unreadable(request, server, "the request cannot be built: " + e.getMessage());
    }
    // client-java picks the first patch format it knows; Kubernetes needs to be told which one this is.
    Call call = client.getHttpClient().newCall(built.newBuilder()
        .header("Content-Type", STRATEGIC_MERGE)
        .method("PATCH", okhttp3.RequestBody.create(patch.toString(), okhttp3.MediaType.get(STRATEGIC_MERGE)))
        .build());
    try (Response response = call.execute()) {
      ResponseBody body = response.body();
      String text = body == null ? "" : body.string();
      if (!response.isSuccessful()) {
        throw KubeFailure.status(request, server, response.code(), KubeFailure.statusMessage(text));
      }
      JsonElement answer = JsonParser.parseString(text);
      if (!answer.isJsonObject()) {
        throw KubeFailure.unreadable(request, server, "not an object");
      }
      return answer.getAsJsonObject();
    } catch (JsonParseException e) {
      throw KubeFailure.unreadable(request, server, "not JSON");
    } catch (IOException e) {
      throw KubeFailure.noAnswer(request, server, e);
    }
  }

  @Override
  public void delete(ResourceType type, String namespace, String name, Precondition precondition) throws KubeFailure {
    KubeRequest request = KubeRequest.of("delete", type, Optional.of(namespace));
    DeleteOptions options = new DeleteOptions();
    options.setPropagationPolicy("Background");
    if (precondition.uid().isPresent() || precondition.resourceVersion().isPresent()) {
      options.setPreconditions(new V1Preconditions().uid(precondition.uid().orElse(null))
          .resourceVersion(precondition.resourceVersion().orElse(null)));
    }
    try {
      answer(request, () -> api(type).delete(namespace, name, options));
    } catch (KubeFailure e) {
      if (!e.isNotFound()) {
        throw e;
      }
    }
  }

  @Override
  public ExecSession exec(String namespace, String pod, String container, List<String> command) throws IOException {
    requests.incrementAndGet();
    return exec.start(namespace, pod, container, command);
  }

  @Override
  public Optional<JsonObject> discovery(String path) {
    DiscoveryPath.checked(path);
    requests.incrementAndGet();
    try (Response response = discoveryCall(path).execute()) {
      ResponseBody body = response.body();
      if (!response.isSuccessful() || body == null) {
        return Optional.empty();
      }
      JsonElement answer = JsonParser.parseString(body.string());
      return answer.isJsonObject() ? Optional.of(answer.getAsJsonObject()) : Optional.empty();
    } catch (ApiException | IOException | JsonParseException e) {
      return Optional.empty();
    }
  }

  // client-java's own discovery calls, which carry the client's credentials.
  private Call discoveryCall(String path) throws ApiException {
    if (path.equals(DiscoveryPath.VERSION)) {
      return new VersionApi(client).getCode().buildCall(null);
    }
    if (path.equals(DiscoveryPath.CORE)) {
      return new CoreV1Api(client).getAPIResources().buildCall(null);
    }
    String[] groupVersion = path.substring("/apis/".length()).split("/");
    return new CustomObjectsApi(client).getAPIResources(groupVersion[0], groupVersion[1]).buildCall(null);
  }

  @Override
  public long requestCount() {
    return requests.get();
  }

  private DynamicKubernetesApi api(ResourceType type) {
    return new DynamicKubernetesApi(type.group(), type.version(), type.plural(), client);
  }

  private Optional<JsonObject> object(KubeRequest request,
      Supplier<KubernetesApiResponse<DynamicKubernetesObject>> call) throws KubeFailure {
    KubernetesApiResponse<DynamicKubernetesObject> response = answer(request, call);
    return Optional.ofNullable(response.getObject()).map(DynamicKubernetesObject::getRaw);
  }

  // The generic API answers most refusals as a status, and wraps a lost connection in a RuntimeException.
  private <T extends io.kubernetes.client.common.KubernetesType> KubernetesApiResponse<T> answer(KubeRequest request,
      Supplier<KubernetesApiResponse<T>> call) throws KubeFailure {
    requests.incrementAndGet();
    KubernetesApiResponse<T> response;
    try {
      response = call.get();
    } catch (RuntimeException e) {
      if (e.getCause() instanceof IOException io) {
        throw KubeFailure.noAnswer(request, server, io);
      }
      // An answer with no Status body (a bare 404 to a delete, say) comes wrapped.
      if (e.getCause() instanceof ApiException refused && refused.getCode() > 0) {
        throw KubeFailure.status(request, server, refused.getCode(), KubeFailure.statusMessage(refused.getResponseBody()));
      }
      if (e instanceof JsonParseException) {
        throw KubeFailure.unreadable(request, server, "not JSON");
      }
      throw KubeFailure.unreadable(request, server, String.valueOf(e.getMessage()));
    }
    if (!response.isSuccess()) {
      String message = response.getStatus() == null || response.getStatus().getMessage() == null
          ? "" : response.getStatus().getMessage();
      throw KubeFailure.status(request, server, response.getHttpStatusCode(), message);
    }
    return response;
  }


  private static Optional<String> continueToken(JsonObject list) {
    JsonElement metadata = list.get("metadata");
    JsonElement token = metadata != null && metadata.isJsonObject() ? metadata.getAsJsonObject().get("continue") : null;
    return token != null && token.isJsonPrimitive() && !token.getAsString().isEmpty()
        ? Optional.of(token.getAsString()) : Optional.empty();
  }
}
