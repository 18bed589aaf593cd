package io.k8up.core.testing;

import com.google.common.collect.ImmutableList;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.spi.ResourceType;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * The controllers of a cluster, simulated on an {@link InMemoryGateway} and a {@link FakeClock}:
 * the Job controller gives each Job one pod, the scheduler binds it (to the node its {@code
 * kubernetes.io/hostname} selector names, else to the first node its required {@code NotIn} node
 * affinity does not exclude), and the Job completes once its pod ran for its duration. At every
 * tick it checks what ran on each node, so that a test can assert the limits held at every instant.
 */
public final class SimulatedCluster {

  private final InMemoryGateway api;
  private final FakeClock clock;
  private final String namespace;
  private final List<String> nodes;
  private final ToLongFunction<JsonObject> durationMillis;
  private final Map<String, Instant> started = new HashMap<>();
  private final Set<String> jobsEverCreated = new HashSet<>();
  private final Map<String, Integer> jobsPerUnitAttempt = new TreeMap<>();
  private int maxRunning;
  private final Map<String, Integer> maxPerNode = new TreeMap<>();

  /**
   * A cluster of {@code nodes} whose Jobs in {@code namespace} run for {@code durationMillis} of
   * their Job once their pod is bound.
   */
  public SimulatedCluster(InMemoryGateway api, FakeClock clock, String namespace, List<String> nodes,
      ToLongFunction<JsonObject> durationMillis) {
    this.api = api;
    this.clock = clock;
    this.namespace = namespace;
    this.nodes = ImmutableList.copyOf(nodes);
    this.durationMillis = durationMillis;
  }

  /** Lets {@code duration} pass: the clock moves on, then the controllers act. */
  public void pass(Duration duration) {
    clock.advance(duration);
    tick();
  }

  /** The most backup pods that were bound and running at once. */
  public int maxRunning() {
    return maxRunning;
  }

  /** The most backup pods bound and running at once, per node. */
  public Map<String, Integer> maxPerNode() {
    return Map.copyOf(maxPerNode);
  }

  /** How many Jobs were created for each unit and attempt ({@code unit/attempt}). */
  public Map<String, Integer> jobsPerUnitAttempt() {
    return Map.copyOf(jobsPerUnitAttempt);
  }

  /** Runs the controllers once, at the clock's time. */
  public void tick() {
    Instant now = clock.instant();
    for (JsonObject job : api.all(ResourceType.JOB, namespace)) {
      String name = job.getAsJsonObject("metadata").get("name").getAsString();
      String uid = job.getAsJsonObject("metadata").get("uid").getAsString();
      if (jobsEverCreated.add(uid)) {
        Map<String, String> labels = InMemoryGateway.labels(job);
        jobsPerUnitAttempt.merge(labels.get(K8upAnnotations.UNIT_LABEL) + "/" + labels.get(K8upAnnotations.ATTEMPT_LABEL),
            1, Integer::sum);
      }
      Optional<JsonObject> pod = api.all(ResourceType.POD, namespace).stream()
          .filter(candidate -> uid.equals(InMemoryGateway.labels(candidate).get("controller-uid"))).findFirst();
      if (pod.isEmpty()) {
        pod = Optional.of(api.put(ResourceType.POD, podFor(job, name, uid)));
      }
      if (!bound(pod.get())) {
        schedule(job, pod.get());
      } else if (!finished(job) && !started.containsKey(uid)) {
        started.put(uid, now);
      }
      if (started.containsKey(uid) && !finished(job)
          && !now.isBefore(started.get(uid).plusMillis(durationMillis.applyAsLong(job)))) {
        complete(job);
      }
    }
    measure();
  }

  private JsonObject podFor(JsonObject job, String name, String uid) {
    JsonObject template = job.getAsJsonObject("spec").getAsJsonObject("template");
    JsonObject pod = new JsonObject();
    pod.addProperty("apiVersion", "v1");
    pod.addProperty("kind", "Pod");
    JsonObject metadata = template.getAsJsonObject("metadata").deepCopy();
    metadata.addProperty("name", name + "-pod");
    metadata.addProperty("namespace", namespace);
    metadata.getAsJsonObject("labels").addProperty("controller-uid", uid);
    pod.add("metadata", metadata);
    pod.add("spec", template.getAsJsonObject("spec").deepCopy());
    pod.add("status", JsonParser.parseString("{\"phase\":\"Pending\"}"));
    return pod;
  }

  private void schedule(JsonObject job, JsonObject pod) {
    JsonObject spec = pod.getAsJsonObject("spec");
    // A pod pinned to a node the cluster does not have (any more) stays unschedulable.
    Optional<String> pin = pinned(spec);
    Optional<String> node = pin.isPresent() ? pin.filter(nodes::contains)
        : nodes.stream().filter(candidate -> !excluded(spec).contains(candidate)).findFirst();
    if (node.isEmpty()) {
      pod.add("status", JsonParser.parseString("{\"phase\":\"Pending\",\"conditions\":[{\"type\":\"PodScheduled\","
          + "\"status\":\"False\",\"reason\":\"Unschedulable\",\"message\":\"0/" + nodes.size()
          + " nodes are available: node affinity\"}]}"));
    } else {
      spec.addProperty("nodeName", node.get());
      pod.add("status", JsonParser.parseString("{\"phase\":\"Running\"}"));
    }
    api.put(ResourceType.POD, pod);
  }

  private static Optional<String> pinned(JsonObject spec) {
    JsonElement selector = spec.get("nodeSelector");
    return selector instanceof JsonObject map && map.has("kubernetes.io/hostname")
        ? Optional.of(map.get("kubernetes.io/hostname").getAsString()) : Optional.empty();
  }

  // The nodes a required metadata.name NotIn keeps the pod off.
  private static Set<String> excluded(JsonObject spec) {
    Set<String> excluded = new HashSet<>();
    JsonElement affinity = spec.get("affinity");
    if (!(affinity instanceof JsonObject)) {
      return excluded;
    }
    JsonElement required = ((JsonObject) affinity).getAsJsonObject("nodeAffinity")
        .get("requiredDuringSchedulingIgnoredDuringExecution");
    for (JsonElement term : ((JsonObject) required).getAsJsonArray("nodeSelectorTerms")) {
      JsonElement fields = term.getAsJsonObject().get("matchFields");
      if (fields instanceof JsonArray array) {
        for (JsonElement requirement : array) {
          JsonObject req = requirement.getAsJsonObject();
          if (req.get("key").getAsString().equals("metadata.name") && req.get("operator").getAsString().equals("NotIn")) {
            req.getAsJsonArray("values").forEach(value -> excluded.add(value.getAsString()));
          }
        }
      }
    }
    return excluded;
  }

  private void complete(JsonObject job) {
    job.add("status", JsonParser.parseString("{\"conditions\":[{\"type\":\"Complete\",\"status\":\"True\"}]}"));
    api.put(ResourceType.JOB, job);
    String uid = job.getAsJsonObject("metadata").get("uid").getAsString();
    for (JsonObject pod : api.all(ResourceType.POD, namespace)) {
      if (uid.equals(InMemoryGateway.labels(pod).get("controller-uid"))) {
        pod.add("status", JsonParser.parseString("{\"phase\":\"Succeeded\"}"));
        api.put(ResourceType.POD, pod);
      }
    }
  }

  private void measure() {
    Map<String, Integer> perNode = new HashMap<>();
    int running = 0;
    for (JsonObject pod : api.all(ResourceType.POD, namespace)) {
      if (bound(pod) && "Running".equals(pod.getAsJsonObject("status").get("phase").getAsString())) {
        running++;
        perNode.merge(pod.getAsJsonObject("spec").get("nodeName").getAsString(), 1, Integer::sum);
      }
    }
    maxRunning = Math.max(maxRunning, running);
    perNode.forEach((node, count) -> maxPerNode.merge(node, count, Math::max));
  }

  private static boolean bound(JsonObject pod) {
    return pod.getAsJsonObject("spec").has("nodeName");
  }

  private static boolean finished(JsonObject job) {
    return job.has("status") && job.getAsJsonObject("status").has("conditions");
  }
}
