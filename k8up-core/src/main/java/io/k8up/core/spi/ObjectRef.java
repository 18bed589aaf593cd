package io.k8up.core.spi;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.base.Strings;

/**
 * An object a step reads but does not own, such as the application's pod an ephemeral container
 * is added to. The engine reads it once per look; one that was replaced (another uid under the
 * same name) counts as gone.
 *
 * @param type its type
 * @param namespace its namespace
 * @param name its name
 */
public record ObjectRef(ResourceType type, String namespace, String name) {

  /**
   * A reference.
   *
   * @throws IllegalArgumentException if the namespace or name is empty
   */
  public ObjectRef {
    checkArgument(type != null, "a type is required");
    checkArgument(!Strings.isNullOrEmpty(namespace) && !Strings.isNullOrEmpty(name), "a namespace and a name are required");
  }
}
