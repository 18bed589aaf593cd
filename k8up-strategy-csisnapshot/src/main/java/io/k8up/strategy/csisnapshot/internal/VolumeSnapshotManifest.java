package io.k8up.strategy.csisnapshot.internal;

import com.google.gson.JsonObject;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.RunContext;
import io.k8up.core.spi.RunObjects;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import java.util.Map;

/**
 * The VolumeSnapshot of a unit's claim. client-java has no model for {@code snapshot.storage.k8s.io},
 * so it is a dynamic object, built field by field.
 */
final class VolumeSnapshotManifest {

  static final String API_GROUP = "snapshot.storage.k8s.io";
  static final String KIND = "VolumeSnapshot";

  private VolumeSnapshotManifest() {}

  /** The snapshot named {@code name} of the unit's one claim, taken with {@code snapshotClass}. */
  static DynamicKubernetesObject of(String name, String snapshotClass, BackupUnit unit, RunContext context) {
    JsonObject metadata = new JsonObject();
    metadata.addProperty("name", name);
    metadata.addProperty("namespace", unit.namespace());
    metadata.add("labels", strings(RunObjects.labels(context.runId(), unit, context.tool())));
    metadata.add("annotations", strings(RunObjects.annotations(unit, context.tool())));
    JsonObject source = new JsonObject();
    source.addProperty("persistentVolumeClaimName", unit.claimNames().get(0));
    JsonObject spec = new JsonObject();
    spec.addProperty("volumeSnapshotClassName", snapshotClass);
    spec.add("source", source);
    JsonObject snapshot = new JsonObject();
    snapshot.addProperty("apiVersion", API_GROUP + "/v1");
    snapshot.addProperty("kind", KIND);
    snapshot.add("metadata", metadata);
    snapshot.add("spec", spec);
    return new DynamicKubernetesObject(snapshot);
  }

  private static JsonObject strings(Map<String, String> entries) {
    JsonObject object = new JsonObject();
    entries.forEach(object::addProperty);
    return object;
  }
}
