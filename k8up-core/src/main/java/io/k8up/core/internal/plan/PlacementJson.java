package io.k8up.core.internal.plan;

import com.google.gson.stream.JsonWriter;
import io.k8up.core.model.NodeSelectorRequirement;
import io.k8up.core.model.NodeSelectorTerm;
import io.k8up.core.model.Placement;
import java.io.IOException;
import java.util.List;

/** A placement in JSON, as backup and restore plans both write it. */
public final class PlacementJson {

  private PlacementJson() {}

  /** Writes {@code placement} as the plan's JSON form describes it ({@code docs/plan-json.md}). */
  public static void write(Placement placement, JsonWriter json) throws IOException {
    json.beginObject();
    json.name("type").value(placement.type().name());
    switch (placement.type()) {
      case POD_NODE:
        json.name("node").value(placement.node().orElseThrow());
        json.name("samePodOnly").value(placement.samePodOnly());
        break;
      case PV_NODE_AFFINITY:
        json.name("nodeSelectorTerms").beginArray();
        for (NodeSelectorTerm term : placement.nodeSelectorTerms()) {
          writeTerm(term, json);
        }
        json.endArray();
        break;
      case HOSTNAME:
        json.name("hostname").value(placement.hostname().orElseThrow());
        break;
      case ANY:
        break;
    }
    json.endObject();
  }

  /** A term in the Kubernetes JSON form; empty lists are left out, as the API server does. */
  private static void writeTerm(NodeSelectorTerm term, JsonWriter json) throws IOException {
    json.beginObject();
    writeRequirements("matchExpressions", term.matchExpressions(), json);
    writeRequirements("matchFields", term.matchFields(), json);
    json.endObject();
  }

  private static void writeRequirements(String field, List<NodeSelectorRequirement> requirements, JsonWriter json)
      throws IOException {
    if (requirements.isEmpty()) {
      return;
    }
    json.name(field).beginArray();
    for (NodeSelectorRequirement requirement : requirements) {
      json.beginObject();
      json.name("key").value(requirement.key());
      json.name("operator").value(requirement.operator());
      if (!requirement.values().isEmpty()) {
        json.name("values").beginArray();
        for (String value : requirement.values()) {
          json.value(value);
        }
        json.endArray();
      }
      json.endObject();
    }
    json.endArray();
  }
}
