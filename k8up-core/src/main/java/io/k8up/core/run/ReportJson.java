package io.k8up.core.run;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Writes a {@link BackupReport} in its JSON form, a versioned contract documented in {@code
 * docs/run-report.md}: one object with {@code schemaVersion} ({@link #SCHEMA_VERSION}), the run's
 * figures and one outcome per decision of the plan.
 */
public final class ReportJson {

  /** The version of the JSON form; raised on any incompatible change. */
  public static final int SCHEMA_VERSION = 1;

  private ReportJson() {}

  /**
   * Writes the report's JSON form, pretty-printed, to {@code out}; does not close it.
   *
   * @throws IOException if {@code out} does
   */
  public static void write(BackupReport report, Writer out) throws IOException {
    JsonWriter json = new JsonWriter(out);
    json.setIndent("  ");
    json.beginObject();
    json.name("schemaVersion").value(SCHEMA_VERSION);
    json.name("runId").value(report.runId().value());
    json.name("allBackupsSucceeded").value(!report.hasFailures());
    json.name("interrupted").value(report.interrupted());
    json.name("durationSeconds").value(report.duration().toMillis() / 1000.0);
    json.name("apiRequests").value(report.apiRequests());
    json.name("outcomes").beginArray();
    for (Outcome outcome : report.outcomes()) {
      writeOutcome(outcome, json);
    }
    json.endArray();
    json.name("leftovers").beginArray();
    for (String leftover : report.leftovers()) {
      json.value(leftover);
    }
    json.endArray();
    if (!report.eventFailures().isEmpty()) {
      json.name("eventFailures").beginArray();
      for (String failure : report.eventFailures()) {
        json.value(failure);
      }
      json.endArray();
    }
    json.endObject();
    json.flush();
  }

  private static void writeOutcome(Outcome outcome, JsonWriter json) throws IOException {
    json.beginObject();
    json.name("kind").value(outcome.subject().kind().kubernetesName());
    json.name("namespace").value(outcome.subject().namespace());
    json.name("name").value(outcome.subject().name());
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
    if (outcome.unitId().isPresent()) {
      json.name("unit").value(outcome.unitId().get());
    }
    if (outcome.node().isPresent()) {
      json.name("node").value(outcome.node().get());
    }
    json.name("attempts").value(outcome.attempts());
    if (outcome.duration().isPresent()) {
      json.name("durationSeconds").value(outcome.duration().get().toMillis() / 1000.0);
    }
    if (outcome.command().isPresent()) {
      writeCommand(outcome.command().get(), json);
    }
    json.endObject();
  }

  private static void writeCommand(CommandReport command, JsonWriter json) throws IOException {
    json.name("command").beginObject();
    json.name("fileName").value(command.fileName());
    json.name("bytesStreamed").value(command.bytesStreamed());
    if (command.exitCode().isPresent()) {
      json.name("exitCode").value(command.exitCode().get());
    }
    json.name("stderr").value(command.stderr());
    if (command.snapshotId().isPresent()) {
      json.name("snapshotId").value(command.snapshotId().get());
    }
    json.endObject();
  }
}
