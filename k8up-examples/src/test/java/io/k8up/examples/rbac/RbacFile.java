package io.k8up.examples.rbac;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;

/** The Roles and ClusterRoles of a file in {@code docs/rbac}, as the permissions they grant. */
final class RbacFile {

  static final Path DIRECTORY = Path.of("..", "docs", "rbac");

  private final Path file;
  private final Map<String, Set<Permission>> byRole = new java.util.LinkedHashMap<>();

  private RbacFile(Path file) {
    this.file = file;
  }

  /** Reads {@code docs/rbac/<name>}. */
  @SuppressWarnings("unchecked")
  static RbacFile read(String name) throws IOException {
    RbacFile rbac = new RbacFile(DIRECTORY.resolve(name));
    try (Reader reader = Files.newBufferedReader(rbac.file)) {
      for (Object document : new Yaml().loadAll(reader)) {
        Map<String, Object> object = (Map<String, Object>) document;
        String kind = (String) object.get("kind");
        boolean namespaced = switch (kind) {
          case "Role" -> true;
          case "ClusterRole" -> false;
          default -> throw new IllegalStateException(name + ": unexpected kind " + kind);
        };
        String roleName = (String) ((Map<String, Object>) object.get("metadata")).get("name");
        Set<Permission> granted = new HashSet<>();
        for (Map<String, Object> rule : (List<Map<String, Object>>) object.get("rules")) {
          for (String group : (List<String>) rule.get("apiGroups")) {
            for (String resource : (List<String>) rule.get("resources")) {
              for (String verb : (List<String>) rule.get("verbs")) {
                granted.add(new Permission(verb, group, resource, namespaced));
              }
            }
          }
        }
        if (rbac.byRole.put(roleName, granted) != null) {
          throw new IllegalStateException(name + ": role " + roleName + " twice");
        }
      }
    }
    return rbac;
  }

  /** The names of the file's roles, in file order. */
  Set<String> roleNames() {
    return byRole.keySet();
  }

  /** What the roles named {@code roles} grant together. */
  Set<Permission> grants(String... roles) {
    Set<Permission> granted = new HashSet<>();
    for (String role : roles) {
      Set<Permission> permissions = byRole.get(role);
      if (permissions == null) {
        throw new IllegalArgumentException(file + " has no role " + role + "; it has " + byRole.keySet());
      }
      granted.addAll(permissions);
    }
    return granted;
  }
}
