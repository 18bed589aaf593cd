package io.k8up.core.run;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Writes a {@link RestoreReport} in its JSON form, a versioned contract documented in {@code
 * docs/restore.md}: {@code schemaVersion} ({@link #SCHEMA_VERSION}), the run's facts, and one
 * object per outcome, in the plan's order. Fields are only added within a version; an absent value
 * is left out.
 */
public final class RestoreReportJson {

  /** The version of the report's JSON form; raised on every incompatible change. */
  public static final int SCHEMA_VERSION = 1;

  private RestoreReportJson() {}

  /**
   * Writes the report's JSON form, pretty-printed, to {@code out}; does not close it.
   *
   * @throws IOException if {@code out} does
   */
  public static void write(RestoreReport report, Writer out) throws IOException {
    checkNotNull(report, "report");
    JsonWriter json = new JsonWriter(out);
    json.setIndent("  ");
    json.beginObject();
    json.name("schemaVersion").value(SCHEMA_VERSION);
    json.name("runId").value(report.runId().value());
    json.name("hasFailures").value(report.hasFailures());
    json.name("interrupted").value(report.interrupted());
    json.name("apiRequests").value(report.apiRequests());
    json.name("durationSeconds").value(report.duration().toMillis() / 1000.0);
    json.name("leftovers").beginArray();
    for (String leftover : report.leftovers()) {
      json.value(leftover);
    }
    json.endArray();
    json.name("outcomes").beginArray();
    for (RestoreOutcome outcome : report.outcomes()) {
      write(outcome, json);
    }
    json.endArray();
    json.endObject();
    json.flush();
  }

  private static void write(RestoreOutcome outcome, JsonWriter json) throws IOException {
    json.beginObject();
    json.name("namespace").value(outcome.subject().namespace());
    json.name("claim").value(outcome.sourceClaim());
    json.name("targetClaim").value(outcome.subject().name());
    json.name("plannedAction").value(outcome.plannedAction().name());
    json.name("status").value(outcome.status().name());
    json.name("reason").value(outcome.reason().name());
    if (outcome.planReason().isPresent()) {
      json.name("planReason").value(outcome.planReason().get().name());
    }
    json.name("message").value(outcome.message());
    if (outcome.strategy().isPresent()) {
      json.name("strategy").value(outcome.strategy().get());
    }
    if (outcome.node().isPresent()) {
      json.name("node").value(outcome.node().get());
    }
    json.name("attempts").value(outcome.attempts());
    if (outcome.duration().isPresent()) {
      json.name("durationSeconds").value(outcome.duration().get().toMillis() / 1000.0);
    }
    if (outcome.snapshotId().isPresent()) {
      json.name("snapshotId").value(outcome.snapshotId().get());
    }
    if (outcome.filesRestored().isPresent()) {
      json.name("filesRestored").value(outcome.filesRestored().get());
    }
    if (outcome.bytesRestored().isPresent()) {
      json.name("bytesRestored").value(outcome.bytesRestored().get());
    }
    json.endObject();
  }
}
