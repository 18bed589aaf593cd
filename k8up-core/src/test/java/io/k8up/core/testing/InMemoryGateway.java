package io.k8up.core.testing;

import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableList;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.k8up.core.kube.DiscoveryPath;
import io.k8up.core.kube.ExecSession;
import io.k8up.core.kube.KubeFailure;
import io.k8up.core.kube.KubeGateway;
import io.k8up.core.kube.KubeRequest;
import io.k8up.core.kube.ListPage;
import io.k8up.core.kube.ListQuery;
import io.k8up.core.kube.Precondition;
import io.k8up.core.spi.ResourceType;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A Kubernetes API server in memory, for tests of the engine without HTTP: objects by type,
 * namespace and name, with uids, resourceVersions and creation times from a clock; label selectors
 * of {@code key=value} terms; delete preconditions; strategic merges of a pod's ephemeral
 * containers. Field selectors are ignored, as a server may. Faults are injected per call: a status
 * ({@code 403}, {@code 409}, {@code 429}, {@code 5xx}) or a lost connection ({@code 0}), before
 * or after the call takes effect. Not thread-safe: one engine and its simulated controllers share
 * one thread.
 */
public final class InMemoryGateway implements KubeGateway {

  /** What to do to one call. */
  public record Fault(int code, boolean afterApplying) {

    /** The server answers {@code code} (0: the connection is lost) and does nothing. */
    public static Fault refuse(int code) {
      return new Fault(code, false);
    }

    /** The call takes effect, but its answer is lost. */
    public static Fault lostAnswer() {
      return new Fault(0, true);
    }
  }

  private static final String SERVER = "the in-memory server";

  private final Map<String, JsonObject> objects = new TreeMap<>();
  private final Clock clock;
  private final AtomicLong versions = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private final List<String> log = new ArrayList<>();
  private Function<KubeRequest, Optional<Fault>> faults = request -> Optional.empty();

  public InMemoryGateway(Clock clock) {
    this.clock = clock;
  }

  /** Every later call is first offered to {@code faults}, which may fail it. */
  public void faults(Function<KubeRequest, Optional<Fault>> faults) {
    this.faults = faults;
  }

  /** The calls made, as {@code create jobs.batch in namespace shop}, oldest first. */
  public List<String> log() {
    return List.copyOf(log);
  }

  /** The objects of {@code type} in {@code namespace}, as stored. */
  public List<JsonObject> all(ResourceType type, String namespace) {
    String prefix = key(type, namespace, "");
    return objects.entrySet().stream().filter(entry -> entry.getKey().startsWith(prefix))
        .map(Map.Entry::getValue).map(JsonObject::deepCopy).toList();
  }

  /** Stores {@code object} as a controller would, without a request: a new version of it. */
  public JsonObject put(ResourceType type, JsonObject object) {
    JsonObject stored = object.deepCopy();
    JsonObject metadata = stored.getAsJsonObject("metadata");
    String name = metadata.get("name").getAsString();
    String namespace = metadata.get("namespace").getAsString();
    JsonObject old = objects.get(key(type, namespace, name));
    if (old == null) {
      metadata.addProperty("uid", type.plural() + "-" + namespace + "-" + name + "-" + versions.incrementAndGet());
      metadata.addProperty("creationTimestamp", clock.instant().toString());
    }
    metadata.addProperty("resourceVersion", Long.toString(versions.incrementAndGet()));
    objects.put(key(type, namespace, name), stored);
    return stored.deepCopy();
  }

  /** Deletes {@code namespace/name} as a controller would, without a request. */
  public void remove(ResourceType type, String namespace, String name) {
    objects.remove(key(type, namespace, name));
  }

  @Override
  public JsonObject create(ResourceType type, JsonObject object) throws KubeFailure {
    String namespace = object.getAsJsonObject("metadata").get("namespace").getAsString();
    String name = object.getAsJsonObject("metadata").get("name").getAsString();
    KubeRequest request = call("create", type, namespace);
    Optional<Fault> fault = fault(request);
    if (objects.containsKey(key(type, namespace, name))) {
      throw KubeFailure.status(request, SERVER, 409, type.plural() + " \"" + name + "\" already exists");
    }
    JsonObject stored = put(type, object);
    throwIfLost(request, fault);
    return stored;
  }

  @Override
  public Optional<JsonObject> get(ResourceType type, String namespace, String name) throws KubeFailure {
    KubeRequest request = call("get", type, namespace);
    Optional<Fault> fault = fault(request);
    throwIfLost(request, fault);
    return Optional.ofNullable(objects.get(key(type, namespace, name))).map(JsonObject::deepCopy);
  }

  @Override
  public ListPage listPage(ResourceType type, ListQuery query, Optional<String> continueToken) throws KubeFailure {
    KubeRequest request = call("list", type, query.namespace().orElse(""));
    Optional<Fault> fault = fault(request);
    throwIfLost(request, fault);
    Map<String, String> selector = query.labelSelector()
        .map(text -> Splitter.on(',').withKeyValueSeparator('=').split(text)).orElse(Map.of());
    ImmutableList<JsonObject> items = all(type, query.namespace().orElse("")).stream()
        .filter(object -> labels(object).entrySet().containsAll(selector.entrySet()))
        .collect(ImmutableList.toImmutableList());
    return new ListPage(items, Optional.empty());
  }

  @Override
  public JsonObject patchSubresource(ResourceType type, String namespace, String name, String subresource,
      JsonObject patch) throws KubeFailure {
    KubeRequest request = new KubeRequest("patch", type, Optional.of(subresource), Optional.of(namespace));
    requests.incrementAndGet();
    log.add(request.toString());
    Optional<Fault> fault = fault(request);
    JsonObject pod = objects.get(key(type, namespace, name));
    if (pod == null) {
      throw KubeFailure.status(request, SERVER, 404, "pods \"" + name + "\" not found");
    }
    JsonObject spec = pod.getAsJsonObject("spec");
    com.google.gson.JsonArray containers = spec.has("ephemeralContainers")
        ? spec.getAsJsonArray("ephemeralContainers") : new com.google.gson.JsonArray();
    for (JsonElement added : patch.getAsJsonObject("spec").getAsJsonArray("ephemeralContainers")) {
      String addedName = added.getAsJsonObject().get("name").getAsString();
      boolean present = false;
      for (JsonElement existing : containers) {
        present |= existing.getAsJsonObject().get("name").getAsString().equals(addedName);
      }
      if (!present) {
        containers.add(added.deepCopy());
      }
    }
    spec.add("ephemeralContainers", containers);
    JsonObject stored = put(type, pod);
    throwIfLost(request, fault);
    return stored;
  }

  @Override
  public void delete(ResourceType type, String namespace, String name, Precondition precondition) throws KubeFailure {
    KubeRequest request = call("delete", type, namespace);
    Optional<Fault> fault = fault(request);
    JsonObject current = objects.get(key(type, namespace, name));
    if (current == null) {
      throwIfLost(request, fault);
      return;
    }
    JsonObject metadata = current.getAsJsonObject("metadata");
    boolean uidDiffers = precondition.uid().filter(uid -> !uid.equals(metadata.get("uid").getAsString())).isPresent();
    boolean versionDiffers = precondition.resourceVersion()
        .filter(version -> !version.equals(metadata.get("resourceVersion").getAsString())).isPresent();
    if (uidDiffers || versionDiffers) {
      throw KubeFailure.status(request, SERVER, 409, "Precondition failed");
    }
    objects.remove(key(type, namespace, name));
    if (type.equals(ResourceType.JOB)) {
      // The garbage collector deletes a Job's pods in the background; here at once.
      String uid = metadata.get("uid").getAsString();
      objects.values().removeIf(object -> uid.equals(labels(object).get("controller-uid")));
    }
    throwIfLost(request, fault);
  }

  @Override
  public ExecSession exec(String namespace, String pod, String container, List<String> command) throws IOException {
    throw new IOException("the in-memory server does not exec");
  }

  /** Serves no discovery: what the server serves stays unknown, as with a server that refuses it. */
  @Override
  public Optional<JsonObject> discovery(String path) {
    DiscoveryPath.checked(path);
    requests.incrementAndGet();
    return Optional.empty();
  }

  @Override
  public long requestCount() {
    return requests.get();
  }

  /** The labels of {@code object}. */
  public static Map<String, String> labels(JsonObject object) {
    Map<String, String> labels = new TreeMap<>();
    JsonObject metadata = object.getAsJsonObject("metadata");
    if (metadata != null && metadata.get("labels") instanceof JsonObject map) {
      map.entrySet().forEach(entry -> labels.put(entry.getKey(), entry.getValue().getAsString()));
    }
    return labels;
  }

  private KubeRequest call(String verb, ResourceType type, String namespace) {
    requests.incrementAndGet();
    KubeRequest request = KubeRequest.of(verb, type, namespace.isEmpty() ? Optional.empty() : Optional.of(namespace));
    log.add(request.toString());
    return request;
  }

  // A fault before the call is thrown here; one after it, by throwIfLost.
  private Optional<Fault> fault(KubeRequest request) throws KubeFailure {
    Optional<Fault> fault = faults.apply(request);
    if (fault.isPresent() && !fault.get().afterApplying()) {
      throw failure(request, fault.get().code());
    }
    return fault;
  }

  private static void throwIfLost(KubeRequest request, Optional<Fault> fault) throws KubeFailure {
    if (fault.isPresent() && fault.get().afterApplying()) {
      throw failure(request, fault.get().code());
    }
  }

  private static KubeFailure failure(KubeRequest request, int code) {
    return code == 0 ? KubeFailure.noAnswer(request, SERVER, new ConnectException("injected"))
        : KubeFailure.status(request, SERVER, code, "injected");
  }

  private static String key(ResourceType type, String namespace, String name) {
    return type + "/" + namespace + "/" + name;
  }
}
