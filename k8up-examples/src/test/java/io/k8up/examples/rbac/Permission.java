package io.k8up.examples.rbac;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * One RBAC permission: a verb on a resource (with its subresource, as {@code
 * pods/ephemeralcontainers}) of an API group, granted by a Role (namespaced) or a ClusterRole.
 */
record Permission(String verb, String group, String resource, boolean namespaced) {

  private static final Set<String> STREAMING_SUBRESOURCES = Set.of("pods/exec", "pods/attach", "pods/portforward");

  @Override
  public String toString() {
    return verb + " " + (group.isEmpty() ? "" : group + "/") + resource + (namespaced ? " (Role)" : " (ClusterRole)");
  }

  /**
   * The permissions a request {@code "METHOD /path?query"} needs: one, or both verbs clusters use
   * for a streaming subresource; none for discovery ({@code /version}, {@code /api/v1}, {@code
   * /apis/GROUP/VERSION}), which every authenticated user may read.
   */
  static Set<Permission> of(String request) {
    String[] methodAndTarget = request.split(" ", 2);
    String method = methodAndTarget[0];
    String[] pathAndQuery = methodAndTarget[1].split("\\?", 2);
    String query = pathAndQuery.length > 1 ? pathAndQuery[1] : "";
    List<String> segments = new ArrayList<>(Arrays.stream(pathAndQuery[0].split("/")).filter(s -> !s.isEmpty()).toList());
    String group;
    if (segments.size() >= 2 && segments.get(0).equals("api")) {
      group = "";
      segments = segments.subList(2, segments.size());
    } else if (segments.size() >= 3 && segments.get(0).equals("apis")) {
      group = segments.get(1);
      segments = segments.subList(3, segments.size());
    } else {
      return Set.of();
    }
    if (segments.isEmpty()) {
      return Set.of();
    }
    boolean namespaced = segments.size() >= 3 && segments.get(0).equals("namespaces");
    if (namespaced) {
      segments = segments.subList(2, segments.size());
    }
    boolean named = segments.size() >= 2;
    String resource = segments.get(0) + (segments.size() >= 3 ? "/" + segments.get(2) : "");
    if (method.equals("GET") && STREAMING_SUBRESOURCES.contains(resource)) {
      // A WebSocket upgrade: "get" before Kubernetes 1.31, "create" since (KEP-4006).
      return Set.of(new Permission("get", group, resource, namespaced),
          new Permission("create", group, resource, namespaced));
    }
    String verb = switch (method) {
      case "GET" -> named ? "get" : query.contains("watch=true") ? "watch" : "list";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> named ? "delete" : "deletecollection";
      default -> throw new IllegalArgumentException("no RBAC verb for " + request);
    };
    return Set.of(new Permission(verb, group, resource, namespaced));
  }
}
