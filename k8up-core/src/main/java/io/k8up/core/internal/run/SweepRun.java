package io.k8up.core.internal.run;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.run.ExecutorOptions;
import io.k8up.core.run.ImmutableSweepReport;
import io.k8up.core.spi.RunId;
import io.k8up.core.spi.RunObjects;
import io.k8up.core.run.SweepReport;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** One sweep: lists the library's objects per namespace and kind, and deletes the old enough ones. */
public final class SweepRun {

  // Jobs first, so that no pod holds a temporary claim when it is deleted; snapshots last.
  private static final List<List<String>> KINDS = List.of(
      List.of("batch/v1", "Job"),
      List.of("v1", "PersistentVolumeClaim"),
      List.of("snapshot.storage.k8s.io/v1", "VolumeSnapshot"));
  private static final Set<String> OPTIONAL_KINDS = Set.of("VolumeSnapshot");

  private final ClusterOperations cluster;
  private final ImmutableSweepReport.Builder report = SweepReport.builder();

  public SweepRun(ApiClient client) {
    this.cluster = new ClusterOperations(client, new ApiCalls(ExecutorOptions.defaults()));
  }

  /** Sweeps {@code namespaces}; see {@link io.k8up.core.run.Sweeper#sweep}. */
  public SweepReport sweep(Collection<String> namespaces, Optional<RunId> runId, Instant createdBefore) {
    String selector = runId.map(RunObjects::selector)
        .orElse(K8upAnnotations.MANAGED_BY_LABEL + "=" + K8upAnnotations.MANAGED_BY_VALUE);
    try {
      for (String namespace : Set.copyOf(namespaces)) {
        for (List<String> kind : KINDS) {
          sweep(namespace, kind.get(0), kind.get(1), selector, createdBefore);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      report.addFailed("the sweep was interrupted; run it again");
    }
    return report.apiRequests(cluster.requestCount()).build();
  }

  private void sweep(String namespace, String apiVersion, String kind, String selector, Instant createdBefore)
      throws InterruptedException {
    ResourceKind resource = ResourceKind.of(apiVersion, kind);
    List<JsonObject> objects;
    try {
      objects = cluster.list(resource, namespace, selector);
    } catch (ApiCallException e) {
      // Without the snapshot CRDs there is no VolumeSnapshot to sweep.
      if (!(e.isNotFound() && OPTIONAL_KINDS.contains(kind))) {
        report.addFailed(kind + "s in " + namespace + ": " + e.getMessage());
      }
      return;
    }
    for (JsonObject object : objects) {
      JsonObject metadata = object.getAsJsonObject("metadata");
      String name = metadata.get("name").getAsString();
      String described = kind + " " + namespace + "/" + name;
      if (created(metadata).isAfter(createdBefore)) {
        continue;
      }
      if (KeepLabel.on(object)) {
        report.addKept(described + ": labelled " + K8upAnnotations.KEEP_LABEL + "=true");
        continue;
      }
      try {
        cluster.delete(reference(apiVersion, kind, namespace, name));
        report.addDeleted(described);
      } catch (ApiCallException e) {
        report.addFailed(described + ": " + e.getMessage());
      }
    }
  }

  // The server always sets creationTimestamp; an object without a readable one counts as old.
  private static Instant created(JsonObject metadata) {
    JsonElement timestamp = metadata.get("creationTimestamp");
    try {
      return timestamp == null || !timestamp.isJsonPrimitive() ? Instant.EPOCH
          : OffsetDateTime.parse(timestamp.getAsString()).toInstant();
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }

  private static DynamicKubernetesObject reference(String apiVersion, String kind, String namespace, String name) {
    JsonObject metadata = new JsonObject();
    metadata.addProperty("name", name);
    metadata.addProperty("namespace", namespace);
    JsonObject object = new JsonObject();
    object.addProperty("apiVersion", apiVersion);
    object.addProperty("kind", kind);
    object.add("metadata", metadata);
    return new DynamicKubernetesObject(object);
  }
}
