package io.k8up.core.internal.run;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.k8up.core.internal.snapshot.ApiLister.CallBuilder;
import io.k8up.core.internal.snapshot.FieldTypeException;
import io.k8up.core.internal.snapshot.ModelGson;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.Pair;
import io.kubernetes.client.openapi.apis.BatchV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.CoreV1EventList;
import io.kubernetes.client.openapi.models.V1DeleteOptions;
import io.kubernetes.client.openapi.models.V1EphemeralContainer;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1JobList;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The few things the executor does to a cluster, as client-java calls through {@link ApiCalls}. */
final class ClusterOperations {

  // The authentication scheme client-java's generated APIs name; the client applies the kubeconfig's.
  private static final String[] AUTH = {"BearerToken"};

  private final ApiClient client;
  private final ApiCalls calls;
  private final BatchV1Api batch;
  private final CoreV1Api core;
  private final CustomObjectsApi custom;

  ClusterOperations(ApiClient client, ApiCalls calls) {
    this.client = client;
    this.calls = calls;
    this.batch = new BatchV1Api(client);
    this.core = new CoreV1Api(client);
    this.custom = new CustomObjectsApi(client);
  }

  /**
   * Creates {@code object} in its namespace.
   *
   * @throws ApiCallException with {@link ApiCallException#isConflict()} if it exists already
   */
  void create(KubernetesObject object) throws ApiCallException, InterruptedException {
    create(object, Set.of());
  }

  /**
   * Creates {@code object} in its namespace, its pod (if it holds one) kept off {@code avoidNodes}.
   *
   * @throws ApiCallException with {@link ApiCallException#isConflict()} if it exists already
   */
  void create(KubernetesObject object, Set<String> avoidNodes) throws ApiCallException, InterruptedException {
    ResourceKind kind = ResourceKind.of(object);
    String namespace = object.getMetadata().getNamespace();
    JsonObject body = NodeExclusion.apply(WireForm.of(object), avoidNodes);
    // Objects of API groups go through client-java's generic API for them; the core group has none.
    CallBuilder call = kind.group().isEmpty()
        ? () -> client.buildCall(client.getBasePath(), kind.collectionPath(client.escapeString(namespace)), "POST",
            List.of(), List.of(), body, jsonHeaders(), Map.of(), Map.of(), AUTH, null)
        : () -> custom.createNamespacedCustomObject(kind.group(), kind.version(), namespace, kind.plural(), body)
            .buildCall(null);
    calls.call(new ApiRequest("create", kind.plural(), kind.group(), namespace, call));
  }

  /**
   * The object {@code namespace/name} of an API group, such as a VolumeSnapshot, as JSON; empty
   * when there is none.
   */
  Optional<JsonObject> get(ResourceKind kind, String namespace, String name)
      throws ApiCallException, InterruptedException {
    try {
      JsonElement object = calls.call(new ApiRequest("get", kind.plural(), kind.group(), namespace,
          () -> custom.getNamespacedCustomObject(kind.group(), kind.version(), namespace, kind.plural(), name)
              .buildCall(null)));
      return object.isJsonObject() ? Optional.of(object.getAsJsonObject()) : Optional.empty();
    } catch (ApiCallException e) {
      if (e.isNotFound()) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Deletes {@code object} and, in the background, what it owns (a Job's pods); an object that is
   * gone already is fine.
   */
  void delete(KubernetesObject object) throws ApiCallException, InterruptedException {
    ResourceKind kind = ResourceKind.of(object);
    String namespace = object.getMetadata().getNamespace();
    String name = object.getMetadata().getName();
    String path = kind.collectionPath(client.escapeString(namespace)) + "/" + client.escapeString(name);
    V1DeleteOptions background = new V1DeleteOptions().propagationPolicy("Background");
    CallBuilder call = kind.group().isEmpty()
        ? () -> client.buildCall(client.getBasePath(), path, "DELETE", List.<Pair>of(), List.<Pair>of(), background,
            jsonHeaders(), Map.of(), Map.of(), AUTH, null)
        : () -> custom.deleteNamespacedCustomObject(kind.group(), kind.version(), namespace, kind.plural(), name)
            .propagationPolicy("Background").body(background).buildCall(null);
    try {
      calls.call(new ApiRequest("delete", kind.plural(), kind.group(), namespace, call));
    } catch (ApiCallException e) {
      if (!e.isNotFound()) {
        throw e;
      }
    }
  }

  /** The objects of {@code kind} in {@code namespace} that match {@code labelSelector}, as JSON. */
  List<JsonObject> list(ResourceKind kind, String namespace, String labelSelector)
      throws ApiCallException, InterruptedException {
    CallBuilder call = kind.group().isEmpty()
        ? () -> client.buildCall(client.getBasePath(), kind.collectionPath(client.escapeString(namespace)), "GET",
            List.of(new Pair("labelSelector", labelSelector)), List.of(), null, jsonHeaders(), Map.of(), Map.of(),
            AUTH, null)
        : () -> custom.listNamespacedCustomObject(kind.group(), kind.version(), namespace, kind.plural())
            .labelSelector(labelSelector).buildCall(null);
    JsonElement list = calls.call(new ApiRequest("list", kind.plural(), kind.group(), namespace, call));
    List<JsonObject> items = new ArrayList<>();
    if (list.isJsonObject() && list.getAsJsonObject().get("items") instanceof JsonArray array) {
      array.forEach(item -> {
        if (item.isJsonObject()) {
          items.add(item.getAsJsonObject());
        }
      });
    }
    return items;
  }

  /** How many HTTP requests were made. */
  long requestCount() {
    return calls.requestCount();
  }

  /** The Jobs in {@code namespace} that match {@code labelSelector}. */
  List<V1Job> jobs(String namespace, String labelSelector) throws ApiCallException, InterruptedException {
    JsonElement list = calls.call(new ApiRequest("list", "jobs", "batch", namespace,
        () -> batch.listNamespacedJob(namespace).labelSelector(labelSelector).buildCall(null)));
    return read(list, V1JobList.class, namespace, "jobs").getItems();
  }

  /** The pods in {@code namespace} that match {@code labelSelector}. */
  List<V1Pod> pods(String namespace, String labelSelector) throws ApiCallException, InterruptedException {
    JsonElement list = calls.call(new ApiRequest("list", "pods", "", namespace,
        () -> core.listNamespacedPod(namespace).labelSelector(labelSelector).buildCall(null)));
    return read(list, V1PodList.class, namespace, "pods").getItems();
  }

  /** The pod {@code namespace/name}, or empty when there is none. */
  Optional<V1Pod> pod(String namespace, String name) throws ApiCallException, InterruptedException {
    try {
      JsonElement pod = calls.call(new ApiRequest("get", "pods", "", namespace,
          () -> core.readNamespacedPod(name, namespace).buildCall(null)));
      return Optional.ofNullable(read(pod, V1Pod.class, namespace, "pods"));
    } catch (ApiCallException e) {
      if (e.isNotFound()) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Adds {@code container} to the ephemeral containers of pod {@code namespace/pod}, with a
   * strategic-merge patch of its {@code ephemeralcontainers} subresource, as {@code kubectl debug}
   * does; a container of the same name is merged, not doubled.
   */
  void addEphemeralContainer(String namespace, String pod, V1EphemeralContainer container)
      throws ApiCallException, InterruptedException {
    JsonArray containers = new JsonArray();
    containers.add(WireForm.of(container));
    JsonObject spec = new JsonObject();
    spec.add("ephemeralContainers", containers);
    JsonObject patch = new JsonObject();
    patch.add("spec", spec);
    Map<String, String> headers = new HashMap<>();
    headers.put("Accept", "application/json");
    headers.put("Content-Type", "application/strategic-merge-patch+json");
    String path = "/api/v1/namespaces/" + client.escapeString(namespace) + "/pods/" + client.escapeString(pod)
        + "/ephemeralcontainers";
    calls.call(new ApiRequest("patch", "pods/ephemeralcontainers", "", namespace, () -> client.buildCall(
        client.getBasePath(), path, "PATCH", List.of(), List.of(), patch, headers, Map.of(), Map.of(), AUTH, null)));
  }

  /** The events about the pod {@code podName}. */
  List<CoreV1Event> podEvents(String namespace, String podName) throws ApiCallException, InterruptedException {
    JsonElement list = calls.call(new ApiRequest("list", "events", "", namespace,
        () -> core.listNamespacedEvent(namespace)
            .fieldSelector("involvedObject.kind=Pod,involvedObject.name=" + podName)
            .buildCall(null)));
    // Servers that ignore the field selector still give the right answer.
    return read(list, CoreV1EventList.class, namespace, "events").getItems().stream()
        .filter(event -> event.getInvolvedObject() != null
            && podName.equals(event.getInvolvedObject().getName()))
        .toList();
  }

  private static <T> T read(JsonElement tree, Class<T> type, String namespace, String resource)
      throws ApiCallException {
    try {
      T list = ModelGson.fromTree(tree, type);
      if (list == null) {
        throw ApiCallException.unreadable(resource, namespace, "an empty answer");
      }
      return list;
    } catch (FieldTypeException e) {
      throw ApiCallException.unreadable(resource, namespace, e.field() + ": expected " + e.expected());
    }
  }

  private static Map<String, String> jsonHeaders() {
    Map<String, String> headers = new HashMap<>();
    headers.put("Accept", "application/json");
    headers.put("Content-Type", "application/json");
    return headers;
  }
}
