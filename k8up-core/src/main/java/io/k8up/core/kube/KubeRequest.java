package io.k8up.core.kube;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.k8up.core.spi.ResourceType;
import java.util.Optional;

/**
 * One call to the API server, named as an RBAC rule names it, so that a refusal can say what to
 * grant.
 *
 * @param verb the RBAC verb, such as {@code create}
 * @param type the resource type
 * @param subresource the subresource, such as {@code ephemeralcontainers}, or empty
 * @param namespace the namespace, or empty for a cluster-scoped call
 */
public record KubeRequest(String verb, ResourceType type, Optional<String> subresource, Optional<String> namespace) {

  /** A call on {@code type} in {@code namespace} (empty: cluster-scoped). */
  public static KubeRequest of(String verb, ResourceType type, Optional<String> namespace) {
    return new KubeRequest(verb, type, Optional.empty(), namespace);
  }

  /** The create of {@code object}, in the namespace its {@code metadata.namespace} names, if any. */
  public static KubeRequest creating(ResourceType type, JsonObject object) {
    JsonElement metadata = object.get("metadata");
    JsonElement namespace = metadata != null && metadata.isJsonObject() ? metadata.getAsJsonObject().get("namespace")
        : null;
    return of("create", type,
        namespace != null && namespace.isJsonPrimitive() ? Optional.of(namespace.getAsString()) : Optional.empty());
  }

  /** The resource as RBAC rules name it: {@code jobs}, {@code pods/ephemeralcontainers}. */
  public String resource() {
    return type.plural() + subresource.map(sub -> "/" + sub).orElse("");
  }

  /** What to grant for this call, e.g. {@code "create" on jobs (apiGroup batch) in namespace shop}. */
  public String grant() {
    return "\"" + verb + "\" on " + resource() + (type.group().isEmpty() ? "" : " (apiGroup " + type.group() + ")")
        + namespace.map(ns -> " in namespace " + ns).orElse("");
  }

  /** What the call is made on, e.g. {@code jobs.batch in namespace shop}, {@code nodes (cluster-scoped)}. */
  public String target() {
    return resource() + (type.group().isEmpty() ? "" : "." + type.group())
        + namespace.map(ns -> " in namespace " + ns).orElse(" (cluster-scoped)");
  }

  /** E.g. {@code create jobs.batch in namespace shop}, or {@code list persistentvolumes (cluster-scoped)}. */
  @Override
  public String toString() {
    return verb + " " + target();
  }
}
