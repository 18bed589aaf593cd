package io.k8up.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a cluster dump as {@code kubectl get pvc,pv,pod -A -o json} (or {@code -o yaml}) writes
 * it: one {@code List} of 100,000 claims, 100,000 PersistentVolumes and 120,000 pods (about 97 MB
 * of JSON), the input of the file-reading benchmark in docs/performance.md. The same arguments
 * always write the same file.
 *
 * <pre>java -cp k8up-benchmarks/target/benchmarks.jar io.k8up.benchmarks.ClusterDumpGenerator
 *     dump.json [json|yaml] [scale]</pre>
 *
 * <p>{@code scale} multiplies every count (default 1; 3 gives a dump of about 300 MB).
 */
public final class ClusterDumpGenerator {

  private static final int CLAIMS = 100_000;
  private static final int PODS = 120_000;
  private static final int NAMESPACES = 50;
  private static final int NODES = 200;

  private ClusterDumpGenerator() {}

  /** Writes the dump; see the class description for the arguments. */
  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: ClusterDumpGenerator FILE [json|yaml] [scale]");
      System.exit(1);
    }
    boolean yaml = args.length > 1 && args[1].equals("yaml");
    int scale = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    try (Writer out = new BufferedWriter(
        Files.newBufferedWriter(Path.of(args[0]), StandardCharsets.UTF_8), 1 << 16)) {
      DumpWriter writer = yaml ? new YamlDumpWriter(out) : new JsonDumpWriter(out);
      writer.begin();
      for (int i = 0; i < CLAIMS * scale; i++) {
        writer.item(claim(i));
      }
      for (int i = 0; i < CLAIMS * scale; i++) {
        writer.item(volume(i));
      }
      for (int i = 0; i < PODS * scale; i++) {
        writer.item(pod(i));
      }
      writer.end();
    }
  }

  private static String namespace(int i) {
    return String.format("team-%02d", i % NAMESPACES);
  }

  private static String uid(int kind, int i) {
    return String.format("%08x-0000-4000-8000-%012x", kind, i);
  }

  private static Map<String, Object> metadata(String name, String namespace, String uid, int i) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    if (i % 10 == 0) {
      metadata.put("annotations", Map.of("k8up.io/backup", "true"));
    }
    metadata.put("name", name);
    if (namespace != null) {
      metadata.put("namespace", namespace);
    }
    if (uid != null) {
      metadata.put("uid", uid);
    }
    return metadata;
  }

  private static Map<String, Object> object(String kind, Map<String, Object> metadata) {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("apiVersion", "v1");
    object.put("kind", kind);
    object.put("metadata", metadata);
    return object;
  }

  private static Map<String, Object> claim(int i) {
    Map<String, Object> claim = object("PersistentVolumeClaim",
        metadata("data-" + i, namespace(i), uid(1, i), i));
    String mode = i % 8 == 0 ? "ReadWriteMany" : i % 20 == 1 ? "ReadWriteOncePod" : "ReadWriteOnce";
    claim.put("spec", Map.of(
        "accessModes", List.of(mode),
        "resources", Map.of("requests", Map.of("storage", (1 + i % 50) + "Gi")),
        "storageClassName", "local-path",
        "volumeMode", "Filesystem",
        "volumeName", "pv-" + i));
    claim.put("status", Map.of("phase", "Bound"));
    return claim;
  }

  private static Map<String, Object> volume(int i) {
    Map<String, Object> volume = object("PersistentVolume", metadata("pv-" + i, null, null, i));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("accessModes", List.of("ReadWriteOnce"));
    spec.put("capacity", Map.of("storage", (1 + i % 50) + "Gi"));
    spec.put("claimRef", Map.of("name", "data-" + i, "namespace", namespace(i)));
    spec.put("hostPath", Map.of("path", "/var/lib/data/pv-" + i));
    if (i % 10 == 3) {
      spec.put("nodeAffinity", Map.of("required", Map.of("nodeSelectorTerms", List.of(Map.of(
          "matchExpressions", List.of(Map.of("key", "kubernetes.io/hostname", "operator", "In",
              "values", List.of("node-" + i % NODES))))))));
    }
    spec.put("persistentVolumeReclaimPolicy", "Delete");
    volume.put("spec", spec);
    volume.put("status", Map.of("phase", "Bound"));
    return volume;
  }

  private static Map<String, Object> pod(int i) {
    // The first 100,000 pods mount claim i of their namespace; the others mount none.
    Map<String, Object> pod = object("Pod", metadata("app-" + i, namespace(i), uid(3, i), i));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("containers", List.of(Map.of("image", "app:1.0", "name", "app")));
    spec.put("nodeName", "node-" + i % NODES);
    if (i % 10 == 5) {
      spec.put("securityContext", Map.of("fsGroup", 1000, "runAsUser", 1000));
    }
    if (i < CLAIMS) {
      spec.put("volumes", List.of(Map.of("name", "data",
          "persistentVolumeClaim", Map.of("claimName", "data-" + i))));
    }
    pod.put("spec", spec);
    pod.put("status", Map.of("phase", i % 10 == 9 ? "Pending" : "Running"));
    return pod;
  }

  /** Writes the list and its items in one format. */
  private interface DumpWriter {
    void begin() throws IOException;

    void item(Map<String, Object> object) throws IOException;

    void end() throws IOException;
  }

  /**
   * JSON as kubectl writes it, items before kind, but each item on one line without indentation
   * (as {@code jq -c} writes it), which keeps the dump at the size the issue measured.
   */
  private static final class JsonDumpWriter implements DumpWriter {
    private final Writer out;
    private boolean first = true;

    JsonDumpWriter(Writer out) {
      this.out = out;
    }

    @Override
    public void begin() throws IOException {
      out.write("{\n    \"apiVersion\": \"v1\",\n    \"items\": [");
    }

    @Override
    public void item(Map<String, Object> object) throws IOException {
      out.write(first ? "\n" : ",\n");
      first = false;
      value(object);
    }

    private void value(Object value) throws IOException {
      if (value instanceof Map<?, ?> map) {
        out.write("{");
        boolean firstEntry = true;
        for (Map.Entry<?, ?> entry : new TreeMap<>(map).entrySet()) {
          out.write(firstEntry ? "\"" : ",\"");
          firstEntry = false;
          out.write(entry.getKey() + "\":");
          value(entry.getValue());
        }
        out.write("}");
      } else if (value instanceof List<?> list) {
        out.write("[");
        for (int i = 0; i < list.size(); i++) {
          out.write(i == 0 ? "" : ",");
          value(list.get(i));
        }
        out.write("]");
      } else if (value instanceof Number number) {
        out.write(number.toString());
      } else {
        out.write("\"" + value + "\"");
      }
    }

    @Override
    public void end() throws IOException {
      out.write("\n    ],\n    \"kind\": \"List\",\n    \"metadata\": {\n        \"resourceVersion\": \"\"\n    }\n}\n");
    }
  }

  /** YAML as kubectl writes it: block style, keys sorted, items before kind. */
  private static final class YamlDumpWriter implements DumpWriter {
    private final Writer out;

    YamlDumpWriter(Writer out) {
      this.out = out;
    }

    @Override
    public void begin() throws IOException {
      out.write("apiVersion: v1\nitems:\n");
    }

    @Override
    public void item(Map<String, Object> object) throws IOException {
      out.write("- ");
      mapping(object, "  ", true);
    }

    private void mapping(Map<?, ?> map, String indent, boolean firstInline) throws IOException {
      boolean first = firstInline;
      for (Map.Entry<?, ?> entry : new TreeMap<>(map).entrySet()) {
        out.write((first ? "" : indent) + entry.getKey() + ":");
        first = false;
        Object value = entry.getValue();
        if (value instanceof Map<?, ?> inner) {
          out.write("\n");
          mapping(inner, indent + "  ", false);
        } else if (value instanceof List<?> list) {
          out.write("\n");
          for (Object item : list) {
            out.write(indent + "- ");
            if (item instanceof Map<?, ?> innerMap) {
              mapping(innerMap, indent + "  ", true);
            } else {
              out.write(scalar(item) + "\n");
            }
          }
        } else {
          out.write(" " + scalar(value) + "\n");
        }
      }
    }

    // kubectl quotes strings YAML would read as something else: here empty ones, booleans,
    // numbers and timestamps.
    private static String scalar(Object value) {
      String text = value.toString();
      if (value instanceof Number) {
        return text;
      }
      boolean quote = text.isEmpty() || text.equals("true") || text.matches("[0-9]+")
          || text.matches("[0-9]{4}-.*T.*Z");
      return quote ? "\"" + text + "\"" : text;
    }

    @Override
    public void end() throws IOException {
      out.write("kind: List\nmetadata:\n  resourceVersion: \"\"\n");
    }
  }
}
