package io.k8up.core.internal.run;

import com.google.common.collect.ImmutableList;
import com.google.gson.JsonObject;
import io.k8up.core.kube.KubeFailure;
import io.k8up.core.kube.KubeGateway;
import io.k8up.core.kube.ListQuery;
import io.k8up.core.kube.Precondition;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.spi.RunId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deletes what the run created, newest first, each only if it is still the version the run last
 * saw: one changed since (labelled {@code k8up.io/keep: "true"}, say) is read again, and kept if it
 * is labelled so, or deleted as it is now. An object the run never saw as its own is read first
 * and left alone unless it carries the run's and the unit's labels. What cannot be deleted becomes
 * a line of the report.
 */
final class ObjectCleanup {

  // A Job's status changes until it ends: one read-again per delete is not always enough.
  private static final int LOOKS = 3;

  private final KubeGateway gateway;
  private final RunId runId;
  private final List<String> leftovers = new ArrayList<>();

  ObjectCleanup(KubeGateway gateway, RunId runId) {
    this.gateway = gateway;
    this.runId = runId;
  }

  /** Deletes {@code objects}, those of unit {@code unitId}, in reverse creation order. */
  void deleteAll(List<OwnedObject> objects, String unitId) throws InterruptedException {
    for (OwnedObject object : ImmutableList.copyOf(objects).reverse()) {
      try {
        delete(object, unitId);
      } catch (KubeFailure e) {
        leftovers.add(object + ": " + e.getMessage());
      }
    }
  }

  /** What could not be deleted, one line per object. */
  List<String> leftovers() {
    return leftovers;
  }

  private void delete(OwnedObject object, String unitId) throws KubeFailure, InterruptedException {
    Optional<JsonObject> version = object.latest();
    if (version.isEmpty()) {
      version = reread(object).filter(found -> isUnits(found, unitId));
    }
    for (int look = 1; version.isPresent(); look++) {
      if (KeepLabel.on(version.get())) {
        return;
      }
      try {
        gateway.delete(object.type(), object.namespace(), object.name(), Precondition.unchanged(version.get()));
        return;
      } catch (KubeFailure e) {
        if (!e.isConflict() || look >= LOOKS) {
          throw e;
        }
      }
      Optional<String> uid = Precondition.unchanged(version.get()).uid();
      // Another object of the name (another uid) is not the run's to delete.
      version = reread(object).filter(found -> uid.isEmpty() || Precondition.unchanged(found).uid().equals(uid));
    }
  }

  // A list by name, not a get: a run needs no verb on its kinds but create, list and delete.
  private Optional<JsonObject> reread(OwnedObject object) throws KubeFailure, InterruptedException {
    return gateway.list(object.type(), ListQuery.in(object.namespace()).withFields("metadata.name=" + object.name()))
        .stream()
        .filter(found -> ObjectLabels.metadata(found, "name").equals(Optional.of(object.name())))
        .findFirst();
  }

  private boolean isUnits(JsonObject object, String unitId) {
    Map<String, String> labels = ObjectLabels.of(object);
    return runId.value().equals(labels.get(K8upAnnotations.RUN_ID_LABEL))
        && unitId.equals(labels.get(K8upAnnotations.UNIT_LABEL));
  }
}
