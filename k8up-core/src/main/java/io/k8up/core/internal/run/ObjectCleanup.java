package io.k8up.core.internal.run;

import com.google.common.collect.ImmutableList;
import com.google.gson.JsonObject;
import io.kubernetes.client.common.KubernetesObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Deletes what the run created, newest first, and lists what it could not delete for the report. */
final class ObjectCleanup {

  private final ClusterOperations cluster;
  private final List<String> leftovers = new ArrayList<>();

  ObjectCleanup(ClusterOperations cluster) {
    this.cluster = cluster;
  }

  /** Deletes {@code objects} in reverse creation order; a failed delete becomes a leftover. */
  void deleteAll(List<KubernetesObject> objects) throws InterruptedException {
    for (KubernetesObject object : ImmutableList.copyOf(objects).reverse()) {
      try {
        if (isKept(object)) {
          continue;
        }
        cluster.delete(object);
      } catch (ApiCallException e) {
        leftovers.add(object.getKind() + " " + object.getMetadata().getNamespace() + "/"
            + object.getMetadata().getName() + ": " + e.getMessage());
      }
    }
  }

  /** What could not be deleted, one line per object. */
  List<String> leftovers() {
    return leftovers;
  }

  // A user may label the run's VolumeSnapshot to keep it, as a restore point of its own.
  private boolean isKept(KubernetesObject object) throws ApiCallException, InterruptedException {
    if (!"VolumeSnapshot".equals(object.getKind())) {
      return false;
    }
    Optional<JsonObject> current = cluster.get(ResourceKind.of(object), object.getMetadata().getNamespace(),
        object.getMetadata().getName());
    return current.filter(KeepLabel::on).isPresent();
  }
}
