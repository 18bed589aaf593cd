package io.k8up.strategy.ephemeral;

import com.google.common.collect.ImmutableList;
import com.google.gson.JsonObject;
import io.k8up.core.spi.ObjectRef;
import io.k8up.core.spi.ResourceType;
import io.k8up.core.spi.StepObservation;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ContainerState;
import io.kubernetes.client.openapi.models.V1ContainerStateTerminated;
import io.kubernetes.client.openapi.models.V1ContainerStatus;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One look at a running pod whose ephemeral container has ended, as the kubelet reports it in the
 * pod's status: its exit code and termination message. For an ephemeral container's step, which
 * watches only that pod; nothing is listed, and no other object is watched.
 */
record EndedContainerObservation(ObjectRef ref, JsonObject pod) implements StepObservation {

  /** Pod {@code ref}, of spec {@code spec}, in whose status container {@code container} ended so. */
  static EndedContainerObservation of(ObjectRef ref, V1PodSpec spec, String container, int exitCode, String message) {
    V1Pod pod = new V1Pod().apiVersion("v1").kind("Pod")
        .metadata(new V1ObjectMeta().namespace(ref.namespace()).name(ref.name()))
        .spec(spec)
        .status(new V1PodStatus().phase("Running").ephemeralContainerStatuses(List.of(new V1ContainerStatus()
            .name(container).image("restic").imageID("").ready(false).restartCount(0)
            .state(new V1ContainerState().terminated(new V1ContainerStateTerminated().exitCode(exitCode)
                .reason(exitCode == 0 ? "Completed" : "Error").message(message))))));
    return new EndedContainerObservation(ref, JSON.getGson().toJsonTree(pod).getAsJsonObject());
  }

  @Override
  public Instant now() {
    return Instant.EPOCH;
  }

  @Override
  public Optional<JsonObject> object(ResourceType type, String name) {
    return Optional.empty();
  }

  @Override
  public ImmutableList<V1Pod> pods() {
    return ImmutableList.of();
  }

  @Override
  public Optional<JsonObject> watched(ObjectRef watched) {
    return watched.equals(ref) ? Optional.of(pod) : Optional.empty();
  }

  @Override
  public boolean existedBeforeCreate() {
    return false;
  }

  @Override
  public Optional<String> placedNode() {
    return Optional.empty();
  }

  @Override
  public <T> T read(JsonObject object, Class<T> type) {
    return JSON.getGson().fromJson(object, type);
  }
}
