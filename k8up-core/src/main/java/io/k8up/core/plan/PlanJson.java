package io.k8up.core.plan;

import com.google.common.io.CharStreams;
import com.google.gson.stream.JsonWriter;
import io.k8up.core.internal.plan.PlacementJson;
import io.k8up.core.model.BackupTarget;
import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.CommandTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Optional;

/**
 * Writes a {@link BackupPlan} in its JSON form, a versioned contract documented in {@code
 * docs/plan-json.md}: one object with {@code schemaVersion} ({@link BackupPlan#SCHEMA_VERSION}),
 * {@code decisions} and {@code notes}.
 *
 * <p>Decisions are streamed, so a plan of any size is written without building it in memory twice;
 * a large plan's decisions are rendered to text in chunks on the common fork-join pool and the
 * calling thread, and written in order.
 */
public final class PlanJson {

  /** The decisions rendered together, on one thread; plans with more are rendered on several. */
  static final int CHUNK_SIZE = 1000;

  private PlanJson() {}

  /** The plan's JSON form, pretty-printed. */
  public static String toJson(BackupPlan plan) {
    StringBuilder out = new StringBuilder();
    try {
      // Guava's writer over a StringBuilder, not a StringWriter, whose StringBuffer locks on every call.
      write(plan, CharStreams.asWriter(out));
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
    write(plan, out, CHUNK_SIZE);
  }

  /** Writes the plan's JSON form, rendering its decisions in chunks of {@code chunkSize} if it has more. */
  static void write(BackupPlan plan, Writer out, int chunkSize) throws IOException {
    if (plan.decisions().size() > chunkSize) {
      DecisionChunks.write(plan, chunkSize, out);
      return;
    }
    JsonWriter json = writer(out);
    beginPlan(json);
    for (Decision decision : plan.decisions()) {
      writeDecision(decision, json);
    }
    endPlan(plan, json);
  }

  /** Writes what comes before the first decision: the object's start, its version, the array's start. */
  static void beginPlan(JsonWriter json) throws IOException {
    json.beginObject();
    json.name("schemaVersion").value(BackupPlan.SCHEMA_VERSION);
    json.name("decisions").beginArray();
  }

  /** Writes what comes after the last decision: the array's end, the notes, the object's end. */
  static void endPlan(BackupPlan plan, JsonWriter json) throws IOException {
    json.endArray();
    json.name("notes").beginArray();
    for (String note : plan.notes()) {
      json.value(note);
    }
    json.endArray();
    json.endObject();
    json.flush();
  }

  /** A writer of the plan's pretty-printed form to {@code out}. */
  static JsonWriter writer(Writer out) {
    JsonWriter json = new JsonWriter(out);
    json.setIndent("  ");
    return json;
  }

  static void writeDecision(Decision decision, JsonWriter json) throws IOException {
    json.beginObject();
    json.name("kind").value(decision.subject().kind().kubernetesName());
    json.name("namespace").value(decision.subject().namespace());
    json.name("name").value(decision.subject().name());
    json.name("action").value(decision.action().name());
    json.name("reason").value(decision.reason().name());
    json.name("message").value(decision.message());
    // Each call of an Optional accessor wraps the field anew (ImmutableDecision keeps it unwrapped).
    BackupTarget target = decision.target().orElse(null);
    if (target instanceof ClaimTarget) {
      json.name("placement");
      PlacementJson.write(((ClaimTarget) target).placement(), json);
    } else if (target instanceof CommandTarget) {
      writeCommand((CommandTarget) target, json);
    }
    Optional<String> strategy = decision.strategy();
    if (strategy.isPresent()) {
      json.name("strategy").value(strategy.get());
    }
    json.endObject();
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
