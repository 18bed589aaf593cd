package io.k8up.core.internal.run;

import com.google.common.collect.ImmutableList;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.k8up.core.kube.KubeFailure;
import io.k8up.core.kube.KubeGateway;
import io.k8up.core.kube.ListQuery;
import io.k8up.core.kube.Precondition;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.run.ImmutableSweepReport;
import io.k8up.core.run.SweepReport;
import io.k8up.core.spi.ResourceType;
import io.k8up.core.spi.RunId;
import io.k8up.core.spi.RunObjects;
import io.k8up.core.spi.VolumeAccessStrategy;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One sweep: lists the library's objects per namespace and kind by label, and deletes the old
 * enough ones, each only if it is still the object that was listed, so that one labelled to be
 * kept in the meantime is not deleted.
 */
public final class SweepRun {

  private final KubeGateway gateway;
  private final int pageSize;
  private final ImmutableList<ResourceType> kinds;
  private final ImmutableSweepReport.Builder report = SweepReport.builder();

  /**
   * A sweep of what {@code strategies} create, newest kinds first: each strategy declares its kinds
   * in creation order, and deleting in reverse leaves no Job holding a temporary claim, say;
   * listed {@code pageSize} objects per request.
   */
  public SweepRun(KubeGateway gateway, Collection<? extends VolumeAccessStrategy> strategies, int pageSize) {
    this.gateway = gateway;
    this.pageSize = pageSize;
    Set<ResourceType> kinds = new LinkedHashSet<>();
    strategies.forEach(strategy -> kinds.addAll(strategy.createdKinds().reverse()));
    this.kinds = ImmutableList.copyOf(kinds);
  }

  /** Sweeps {@code namespaces}; see {@link io.k8up.core.run.Sweeper#sweep}. */
  public SweepReport sweep(Collection<String> namespaces, Optional<RunId> runId, Instant createdBefore) {
    String selector = runId.map(RunObjects::selector)
        .orElse(K8upAnnotations.MANAGED_BY_LABEL + "=" + K8upAnnotations.MANAGED_BY_VALUE);
    try {
      for (String namespace : Set.copyOf(namespaces)) {
        for (ResourceType kind : kinds) {
          sweep(namespace, kind, selector, createdBefore);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      report.addFailed("the sweep was interrupted; run it again");
    }
    return report.apiRequests(gateway.requestCount()).build();
  }

  private void sweep(String namespace, ResourceType kind, String selector, Instant createdBefore)
      throws InterruptedException {
    List<JsonObject> objects;
    try {
      objects = gateway.list(kind, ListQuery.in(namespace).withLabels(selector).withPageSize(pageSize));
    } catch (KubeFailure e) {
      // A type the server does not serve (no snapshot CRDs, say) has nothing to sweep.
      if (!e.isNotFound()) {
        report.addFailed(kind.kind() + "s in " + namespace + ": " + e.getMessage());
      }
      return;
    }
    for (JsonObject object : objects) {
      JsonObject metadata = object.getAsJsonObject("metadata");
      String name = metadata.get("name").getAsString();
      if (!created(metadata).isAfter(createdBefore)) {
        sweepOne(kind, namespace, name, object);
      }
    }
  }

  // Deleted only if unchanged since it was read; a change (a keep label, say) is read again once.
  private void sweepOne(ResourceType kind, String namespace, String name, JsonObject listed)
      throws InterruptedException {
    String described = kind.kind() + " " + namespace + "/" + name;
    JsonObject object = listed;
    for (int look = 1; ; look++) {
      if (KeepLabel.on(object)) {
        report.addKept(described + ": labelled " + K8upAnnotations.KEEP_LABEL + "=true");
        return;
      }
      try {
        gateway.delete(kind, namespace, name, Precondition.unchanged(object));
        report.addDeleted(described);
        return;
      } catch (KubeFailure e) {
        Optional<JsonObject> current = e.isConflict() && look == 1 ? reread(kind, namespace, name) : Optional.empty();
        if (current.isEmpty()) {
          report.addFailed(described + ": " + e.getMessage());
          return;
        }
        object = current.get();
      }
    }
  }

  private Optional<JsonObject> reread(ResourceType kind, String namespace, String name) throws InterruptedException {
    try {
      return gateway.get(kind, namespace, name);
    } catch (KubeFailure e) {
      return Optional.empty();
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
}
