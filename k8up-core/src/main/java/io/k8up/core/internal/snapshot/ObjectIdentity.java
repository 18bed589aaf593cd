package io.k8up.core.internal.snapshot;

import com.google.gson.JsonObject;

/**
 * What identifies an object in messages: where it is, its kind, apiVersion, namespace and name,
 * each null when the object does not say.
 */
record ObjectIdentity(
    Location location, String kind, String apiVersion, String namespace, String name) {

  static ObjectIdentity of(
      Location location, JsonObject object, String defaultKind, String defaultApiVersion) {
    String kind = TreeFields.text(object, "kind");
    String apiVersion = TreeFields.text(object, "apiVersion");
    return new ObjectIdentity(
        location,
        kind == null ? defaultKind : kind,
        apiVersion == null ? defaultApiVersion : apiVersion,
        TreeFields.metadataText(object, "namespace"),
        TreeFields.metadataText(object, "name"));
  }

  /** E.g. {@code document 2 (Pod shop/db-0)}, or {@code document 2 (Pod)} without a name. */
  String label() {
    StringBuilder label = new StringBuilder(location.toString()).append(" (").append(TenantText.shown(kind));
    if (name != null) {
      label.append(' ');
      if (namespace != null) {
        label.append(TenantText.shown(namespace)).append('/');
      }
      label.append(TenantText.shown(name));
    }
    return label.append(')').toString();
  }
}
