package io.k8up.core.internal.run;

import io.kubernetes.client.common.KubernetesObject;
import java.util.Locale;

/**
 * Where objects of one apiVersion and kind live in the API, and how RBAC names them.
 *
 * @param group the API group, empty for the core group
 * @param version the version, such as {@code v1}
 * @param plural the plural resource name, such as {@code jobs}
 */
record ResourceKind(String group, String version, String plural) {

  /** The kind of {@code object}, from its apiVersion and kind. */
  static ResourceKind of(KubernetesObject object) {
    return of(object.getApiVersion(), object.getKind());
  }

  /** The kind {@code kind} of {@code apiVersion}, such as {@code batch/v1} and {@code Job}. */
  static ResourceKind of(String apiVersion, String kind) {
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String version = apiVersion.substring(slash + 1);
    return new ResourceKind(group, version, plural(kind));
  }

  /** The collection path in {@code namespace}, e.g. {@code /apis/batch/v1/namespaces/shop/jobs}. */
  String collectionPath(String namespace) {
    String prefix = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    return prefix + "/namespaces/" + namespace + "/" + plural;
  }

  // Kubernetes' own rule for the kinds it serves: lower case, then English plural endings.
  private static String plural(String kind) {
    String lower = kind.toLowerCase(Locale.ROOT);
    if (lower.endsWith("s") || lower.endsWith("x") || lower.endsWith("ch") || lower.endsWith("sh")) {
      return lower + "es";
    }
    if (lower.endsWith("y") && lower.length() > 1 && "aeiou".indexOf(lower.charAt(lower.length() - 2)) < 0) {
      return lower.substring(0, lower.length() - 1) + "ies";
    }
    return lower + "s";
  }
}
