package io.k8up.core.spi;

import com.google.common.collect.ImmutableList;
import com.google.gson.JsonObject;
import io.kubernetes.client.openapi.models.V1Pod;
import java.time.Instant;
import java.util.Optional;

/**
 * What the engine saw of a step at one look, for its {@link Readiness} check: the step's objects
 * of the kinds it {@linkplain Step#observed() observes}, listed by the run's labels; the unit's
 * pods; and the objects it {@linkplain Step#watched() watches}. Objects are JSON trees as the API
 * server sent them.
 */
public interface StepObservation {

  /** When the look was taken. */
  Instant now();

  /** The step's object of {@code type} named {@code name}, as listed; empty if the run's list lacks it. */
  Optional<JsonObject> object(ResourceType type, String name);

  /** The unit's pods of this attempt, when the step observes {@link ResourceType#POD pods}; else none. */
  ImmutableList<V1Pod> pods();

  /** The watched object {@code ref}; empty if it is gone, or was replaced by another of its name. */
  Optional<JsonObject> watched(ObjectRef ref);

  /** Whether creating an object of this step answered that one of its name existed already. */
  boolean existedBeforeCreate();

  /** The node the unit's pod was seen placed on at an earlier look, if it was. */
  Optional<String> placedNode();

  /**
   * {@code object} read as the client-java model {@code type}, leniently: fields the model does not
   * know are skipped, not refused.
   *
   * @throws IllegalArgumentException if a field has the wrong JSON type
   */
  <T> T read(JsonObject object, Class<T> type);
}
