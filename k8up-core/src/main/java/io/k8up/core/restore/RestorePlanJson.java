package io.k8up.core.restore;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.gson.stream.JsonWriter;
import io.k8up.core.internal.plan.PlacementJson;
import io.k8up.core.model.AccessMode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Writes a {@link RestorePlan} in its JSON form, a versioned contract documented in {@code
 * docs/restore.md}: one object with {@code schemaVersion} ({@link RestorePlan#SCHEMA_VERSION}) and
 * {@code decisions}, one per request in the requests' order. Placements are written as in the
 * backup plan's JSON form.
 */
public final class RestorePlanJson {

  private RestorePlanJson() {}

  /** The plan's JSON form, pretty-printed. */
  public static String toJson(RestorePlan plan) {
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
  public static void write(RestorePlan plan, Writer out) throws IOException {
    checkNotNull(plan, "plan");
    JsonWriter json = new JsonWriter(out);
    json.setIndent("  ");
    json.beginObject();
    json.name("schemaVersion").value(RestorePlan.SCHEMA_VERSION);
    json.name("decisions").beginArray();
    for (RestoreDecision decision : plan.decisions()) {
      writeDecision(decision, json);
    }
    json.endArray();
    json.endObject();
    json.flush();
  }

  private static void writeDecision(RestoreDecision decision, JsonWriter json) throws IOException {
    RestoreRequest request = decision.request();
    json.beginObject();
    json.name("namespace").value(request.namespace());
    json.name("claim").value(request.claim());
    json.name("targetClaim").value(request.targetClaim());
    json.name("action").value(decision.action().name());
    json.name("reason").value(decision.reason().name());
    json.name("message").value(decision.message());
    json.name("snapshot");
    writeSnapshot(request.snapshot(), json);
    json.name("inUse").value(request.inUse());
    json.name("overwrite").value(request.overwrite().name());
    if (decision.target().isPresent()) {
      RestoreTarget target = decision.target().get();
      json.name("method").value(target.method().name());
      json.name("placement");
      PlacementJson.write(target.placement(), json);
      json.name("mountingPods").beginArray();
      for (String pod : target.mountingPods()) {
        json.value(pod);
      }
      json.endArray();
      if (target.newClaim().isPresent()) {
        json.name("newClaim");
        writeNewClaim(target.newClaim().get(), json);
      }
    }
    json.endObject();
  }

  private static void writeSnapshot(SnapshotChoice choice, JsonWriter json) throws IOException {
    json.beginObject();
    json.name("kind").value(choice.kind().name());
    if (choice.snapshotId().isPresent()) {
      json.name("id").value(choice.snapshotId().get());
    }
    if (choice.asOf().isPresent()) {
      json.name("asOf").value(choice.asOf().get().toString());
    }
    json.endObject();
  }

  private static void writeNewClaim(NewClaim claim, JsonWriter json) throws IOException {
    json.beginObject();
    if (claim.storageClassName().isPresent()) {
      json.name("storageClassName").value(claim.storageClassName().get());
    }
    json.name("requestedBytes").value(claim.requestedBytes());
    json.name("accessModes").beginArray();
    for (AccessMode mode : claim.accessModes()) {
      json.value(mode.kubernetesName());
    }
    json.endArray();
    json.endObject();
  }
}
