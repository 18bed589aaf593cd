package io.k8up.core.plan;

import com.google.gson.stream.JsonWriter;
import io.k8up.core.model.BackupTarget;
import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.CommandTarget;
import io.k8up.core.model.NodeSelectorRequirement;
import io.k8up.core.model.NodeSelectorTerm;
import io.k8up.core.model.Placement;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes a {@link BackupPlan} in its JSON form, a versioned contract documented in {@code
 * docs/plan-json.md}: one object with {@code schemaVersion} ({@link BackupPlan#SCHEMA_VERSION}),
 * {@code decisions} and {@code notes}.
 *
 * <p>Decisions are streamed, so a plan of any size is written without building it in memory twice.
 */
public final class PlanJson {

  private PlanJson() {}

  /** The plan's JSON form, pretty-printed. */
  public static String toJson(BackupPlan plan) {
    StringWriter out = new StringWriter();
    try {
      write(plan, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * Writes the plan's JSON form, pretty-printed, to {@code out}; does not close it.
   *
   * @throws IOException if {@code out} does
   */
  public static void write(BackupPlan plan, Writer out) throws IOException {
    JsonWriter json = new JsonWriter(out);
    json.setIndent("  ");
    json.beginObject();
    json.name("schemaVersion").value(BackupPlan.SCHEMA_VERSION);
    json.name("decisions").beginArray();
    for (Decision decision : plan.decisions()) {
      writeDecision(decision, json);
    }
    json.endArray();
    json.name("notes").beginArray();
    for (String note : plan.notes()) {
      json.value(note);
    }
    json.endArray();
    json.endObject();
    json.flush();
  }

  private static void writeDecision(Decision decision, JsonWriter json) throws IOException {
    json.beginObject();
    json.name("kind").value(decision.subject().kind().kubernetesName());
    json.name("namespace").value(decision.subject().namespace());
    json.name("name").value(decision.subject().name());
    json.name("action").value(decision.action().name());
    json.name("reason").value(decision.reason().name());
    json.name("message").value(decision.message());
    if (decision.target().isPresent()) {
      BackupTarget target = decision.target().get();
      if (target instanceof ClaimTarget) {
        json.name("placement");
        writePlacement(((ClaimTarget) target).placement(), json);
      } else if (target instanceof CommandTarget) {
        writeCommand((CommandTarget) target, json);
      }
    }
    if (decision.strategy().isPresent()) {
      json.name("strategy").value(decision.strategy().get());
    }
    json.endObject();
  }

  private static void writePlacement(Placement placement, JsonWriter json) throws IOException {
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

  private static void writeCommand(CommandTarget target, JsonWriter json) throws IOException {
    json.name("command").value(target.command());
    json.name("container").value(target.container());
    if (target.fileExtension().isPresent()) {
      json.name("fileExtension").value(target.fileExtension().get());
    }
    if (target.node().isPresent()) {
      json.name("node").value(target.node().get());
    }
  }
}
