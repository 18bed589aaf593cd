package io.k8up.core.internal.snapshot;

import java.util.List;
import java.util.regex.Pattern;

/** A field's path as Kubernetes users write it: {@code metadata.annotations["k8up.io/backup"]}. */
final class FieldPath {

  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");

  private FieldPath() {}

  /**
   * The path of {@code parts}: keys (strings) and list positions (integers, or strings such as
   * {@code [0]}); null parts, levels not entered yet, are left out.
   */
  static String of(List<?> parts) {
    StringBuilder field = new StringBuilder();
    for (Object part : parts) {
      if (part instanceof Integer index) {
        field.append('[').append(index).append(']');
      } else if (part instanceof String key) {
        if (key.startsWith("[")) {
          field.append(key);
        } else if (PLAIN_KEY.matcher(key).matches()) {
          field.append(field.length() == 0 ? "" : ".").append(key);
        } else {
          field.append("[\"").append(TenantText.shown(key)).append("\"]");
        }
      }
    }
    return field.toString();
  }
}
