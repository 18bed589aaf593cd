package io.k8up.core.internal.run;

import com.google.gson.JsonObject;
import io.k8up.core.spi.ResourceType;
import java.util.Optional;

/**
 * An object a unit created, or found of its own (by the run's labels) when it took over from an
 * earlier process: what cleanup deletes.
 *
 * @param latest the newest version the run saw, whose uid and resourceVersion the delete is
 *     conditioned on; empty when a create answered that the object exists and the run has not seen
 *     it since, so that cleanup reads it first and leaves it alone unless it carries the unit's labels
 */
record OwnedObject(ResourceType type, String namespace, String name, Optional<JsonObject> latest) {

  /** This object, as last seen in {@code version}. */
  OwnedObject seen(JsonObject version) {
    return new OwnedObject(type, namespace, name, Optional.of(version));
  }

  boolean is(ResourceType otherType, String otherName) {
    return type.equals(otherType) && name.equals(otherName);
  }

  @Override
  public String toString() {
    return type.kind() + " " + namespace + "/" + name;
  }
}
