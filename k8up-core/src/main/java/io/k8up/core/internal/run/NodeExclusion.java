package io.k8up.core.internal.run;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Set;

/**
 * Keeps the pod of a Job or a Pod, as sent to the API server, off some nodes: each of its required
 * node-affinity terms (or one new term) gets {@code metadata.name NotIn} for every node, and
 * {@code kubernetes.io/hostname NotIn} for all of them, because a run that did not read the Nodes
 * may know a node by either. Node field selectors take one value per requirement.
 */
final class NodeExclusion {

  private NodeExclusion() {}

  /** {@code wire} with its pod kept off {@code nodes}; unchanged when there are none or it holds no pod. */
  static JsonObject apply(JsonObject wire, Set<String> nodes) {
    JsonObject podSpec = podSpec(wire);
    if (nodes.isEmpty() || podSpec == null) {
      return wire;
    }
    JsonObject required = child(child(child(podSpec, "affinity"), "nodeAffinity"),
        "requiredDuringSchedulingIgnoredDuringExecution");
    if (!(required.get("nodeSelectorTerms") instanceof JsonArray terms) || terms.isEmpty()) {
      JsonArray single = new JsonArray();
      single.add(new JsonObject());
      required.add("nodeSelectorTerms", single);
    }
    for (JsonElement term : required.getAsJsonArray("nodeSelectorTerms")) {
      if (term.isJsonObject()) {
        exclude(term.getAsJsonObject(), nodes);
      }
    }
    return wire;
  }

  private static void exclude(JsonObject term, Set<String> nodes) {
    JsonArray fields = term.get("matchFields") instanceof JsonArray existing ? existing : new JsonArray();
    JsonArray hostnames = new JsonArray();
    for (String node : nodes) {
      JsonArray one = new JsonArray();
      one.add(node);
      fields.add(requirement("metadata.name", one));
      hostnames.add(node);
    }
    term.add("matchFields", fields);
    JsonArray expressions = term.get("matchExpressions") instanceof JsonArray existing ? existing : new JsonArray();
    expressions.add(requirement("kubernetes.io/hostname", hostnames));
    term.add("matchExpressions", expressions);
  }

  private static JsonObject requirement(String key, JsonArray values) {
    JsonObject requirement = new JsonObject();
    requirement.addProperty("key", key);
    requirement.addProperty("operator", "NotIn");
    requirement.add("values", values);
    return requirement;
  }

  private static JsonObject podSpec(JsonObject wire) {
    String kind = wire.has("kind") && wire.get("kind").isJsonPrimitive() ? wire.get("kind").getAsString() : "";
    JsonObject spec = wire.get("spec") instanceof JsonObject object ? object : null;
    if (spec == null) {
      return null;
    }
    if (kind.equals("Pod")) {
      return spec;
    }
    return spec.get("template") instanceof JsonObject template && template.get("spec") instanceof JsonObject pod
        ? pod : null;
  }

  private static JsonObject child(JsonObject parent, String name) {
    if (!(parent.get(name) instanceof JsonObject child)) {
      JsonObject created = new JsonObject();
      parent.add(name, created);
      return created;
    }
    return child;
  }
}
