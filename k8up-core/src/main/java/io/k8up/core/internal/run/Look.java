package io.k8up.core.internal.run;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.gson.JsonObject;
import io.k8up.core.internal.snapshot.FieldTypeException;
import io.k8up.core.internal.snapshot.ModelGson;
import io.k8up.core.spi.ObjectRef;
import io.k8up.core.spi.ResourceType;
import io.k8up.core.spi.StepObservation;
import io.kubernetes.client.openapi.models.V1Pod;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** What the engine saw of one unit's step at one look: the step's readiness check reads it. */
record Look(Instant now, ImmutableMap<ResourceType, ImmutableMap<String, JsonObject>> listed,
    ImmutableList<V1Pod> pods, ImmutableMap<ObjectRef, Optional<JsonObject>> watchedObjects,
    boolean existedBeforeCreate, Optional<String> placedNode) implements StepObservation {

  @Override
  public Optional<JsonObject> object(ResourceType type, String name) {
    return Optional.ofNullable(listed.getOrDefault(type, ImmutableMap.of()).get(name));
  }

  @Override
  public Optional<JsonObject> watched(ObjectRef ref) {
    return watchedObjects.getOrDefault(ref, Optional.empty());
  }

  @Override
  public <T> T read(JsonObject object, Class<T> type) {
    return read(object, type, "the object");
  }

  static <T> T read(JsonObject object, Class<T> type, String what) {
    try {
      return ModelGson.fromTree(object, type);
    } catch (FieldTypeException e) {
      throw new IllegalArgumentException(what + " cannot be read: " + e.field() + ": expected " + e.expected(), e);
    }
  }

  /** The objects of {@code listed} by name. */
  static ImmutableMap<String, JsonObject> byName(Iterable<JsonObject> listed) {
    ImmutableMap.Builder<String, JsonObject> byName = ImmutableMap.builder();
    for (JsonObject object : listed) {
      ObjectLabels.metadata(object, "name").ifPresent(name -> byName.put(name, object));
    }
    return byName.buildKeepingLast();
  }

  static Look of(Instant now, Map<ResourceType, ImmutableMap<String, JsonObject>> listed, ImmutableList<V1Pod> pods,
      Map<ObjectRef, Optional<JsonObject>> watched, boolean existedBeforeCreate, Optional<String> placedNode) {
    return new Look(now, ImmutableMap.copyOf(listed), pods, ImmutableMap.copyOf(watched), existedBeforeCreate,
        placedNode);
  }
}
