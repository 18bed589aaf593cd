package io.k8up.core.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import com.google.gson.GsonBuilder;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.snapshot.SnapshotException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.quicktheories.generators.SourceDSL;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * Reading a list's items on several threads finds what reading it in one thread finds: the same
 * snapshot, or the same problems in the same order, with the same lines and columns, for lists in
 * JSON and YAML, well formed or broken anywhere. Two differences, both in files that cannot be
 * read: broken syntax is reported on the same line, but its column may differ where the parser's
 * own column depends on how its buffer met the text (a JSON string broken across lines); and
 * broken YAML inside an item may be described with another sentence, without what the item held
 * before the break (the item is parsed on its own, not inside the list).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ParallelListReaderTest {

  private static final String[] NAMESPACES = {"shop", "blog", "yes", "0755"};
  private static final String[] KINDS = {"PersistentVolumeClaim", "Pod", "PersistentVolume",
      "ConfigMap", "Node"};
  private static final String BREAKING = "{}[],:\"'- \n#x\t";
  // The format, and the problem up to its line.
  private static final Pattern BROKEN =
      Pattern.compile("(problems \\[t: malformed (JSON|YAML) at line \\d+), column \\d+: ");

  @Test
  void readsAsOneThreadReadsWhateverTheList() {
    qt().withExamples(600).withShrinkCycles(50)
        .forAll(SourceDSL.longs().all(), SourceDSL.integers().between(1, 4))
        .checkAssert((seed, threads) -> {
          Random random = new Random(seed);
          String text = mutate(random, render(random, list(random)));
          int batchBytes = 1 + random.nextInt(400);
          String inOneThread = readInOneThread(text);
          String inParallel = readInParallel(text, threads, batchBytes);
          Matcher broken = BROKEN.matcher(inOneThread);
          if (!broken.lookingAt()) {
            assertThat(inParallel).as("%s", text).isEqualTo(inOneThread);
          } else if (broken.group(2).equals("YAML")) {
            assertThat(inParallel).as("%s", text).startsWith(broken.group(1));
          } else {
            assertThat(BROKEN.matcher(inParallel).replaceFirst("$1: "))
                .as("%s", text)
                .isEqualTo(broken.replaceFirst("$1: "));
          }
        });
  }

  @Test
  void aBlockScalarEndsWhereTheParserEndsIt() {
    String broken = "apiVersion: v1\nitems:\n- kind: ConfigMap\n  data:\n    text: |\n      one\n"
        + "     \" two\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: a, namespace: shop}\nkind: List\n";
    String indicated = "apiVersion: v1\nitems:\n- kind: ConfigMap\n  data:\n    text: >2-\n"
        + "        one\n       ' two\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: a, namespace: shop}\n"
        + "kind: List\n";

    assertThat(readInOneThread(broken)).startsWith("problems [t: malformed YAML at line 12");
    assertThat(readInParallel(broken, 2, 1)).startsWith("problems [t: malformed YAML at line 12");
    assertThat(readInOneThread(indicated)).contains("pods [shop/a]");
    assertThat(readInParallel(indicated, 2, 1)).isEqualTo(readInOneThread(indicated));
  }

  @Test
  void aSyntaxErrorInAnItemNamesItsLineAndColumnInTheSource() {
    String json = "{\"apiVersion\": \"v1\", \"items\": [\n"
        + "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"a\"}},\n"
        + "  {\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": 'b'}}\n"
        + "], \"kind\": \"List\"}";

    assertThat(readInParallel(json, 2, 1))
        .isEqualTo(readInOneThread(json))
        .contains("line 3, column");
  }

  private static String readInOneThread(String text) {
    SnapshotAssembler assembler = new SnapshotAssembler("t");
    try {
      DocumentReader.read(new StringReader(text), ReadLimits.DEFAULTS, assembler);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return outcome(assembler);
  }

  private static String readInParallel(String text, int threads, int batchBytes) {
    SnapshotAssembler assembler = new SnapshotAssembler("t");
    try {
      new ParallelListReader(ReadLimits.DEFAULTS, assembler, threads, batchBytes)
          .read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    } catch (InputException e) {
      assembler.addEndingProblem(e.getMessage());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return outcome(assembler);
  }

  private static String outcome(SnapshotAssembler assembler) {
    try {
      ClusterSnapshot snapshot = assembler.build();
      return "claims " + snapshot.claims().stream().map(c -> c.namespace() + "/" + c.name()).toList()
          + " volumes " + snapshot.volumes().stream().map(v -> v.name()).toList()
          + " pods " + snapshot.pods().stream().map(p -> p.namespace() + "/" + p.name()).toList()
          + " nodes " + snapshot.nodes().stream().map(n -> n.name()).toList()
          + " notes " + snapshot.notes()
          + (snapshot.claims().isEmpty() ? "" : " first claim " + snapshot.claims().get(0))
          + (snapshot.pods().isEmpty() ? "" : " first pod " + snapshot.pods().get(0));
    } catch (SnapshotException e) {
      return "problems " + e.problems();
    }
  }

  // A list as kubectl writes one, with items of every sort, some of them wrong.
  private static Map<String, Object> list(Random random) {
    List<Object> items = new ArrayList<>();
    int count = random.nextInt(8);
    for (int i = 0; i < count; i++) {
      items.add(item(random, i));
    }
    Map<String, Object> list = new LinkedHashMap<>();
    if (random.nextInt(6) == 0) {
      list.put("kind", "List");
    }
    list.put("apiVersion", "v1");
    list.put("items", items);
    if (!list.containsKey("kind")) {
      list.put("kind", random.nextInt(5) == 0 ? "PodList" : "List");
    }
    list.put("metadata", Map.of("resourceVersion", ""));
    return list;
  }

  private static Object item(Random random, int index) {
    switch (random.nextInt(12)) {
      case 0:
        return "just text";
      case 1:
        return List.of(1, 2);
      default:
        break;
    }
    String kind = KINDS[random.nextInt(KINDS.length)];
    Map<String, Object> item = new LinkedHashMap<>();
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", random.nextInt(10) == 0 ? (Object) 5 : "n" + random.nextInt(4));
    if (!kind.equals("PersistentVolume") && !kind.equals("Node")) {
      metadata.put("namespace", NAMESPACES[random.nextInt(NAMESPACES.length)]);
    }
    if (random.nextBoolean()) {
      metadata.put("annotations", Map.of("k8up.io/backup", random.nextBoolean() ? "true" : true));
    }
    switch (random.nextInt(5)) {
      case 0 -> {
        // No kind: it needs its list's.
        item.put("metadata", metadata);
      }
      case 1 -> {
        item.put("kind", kind);
        item.put("apiVersion", "v1");
        item.put("metadata", metadata);
      }
      default -> {
        item.put("apiVersion", "v1");
        item.put("kind", kind);
        item.put("metadata", metadata);
      }
    }
    switch (kind) {
      case "PersistentVolumeClaim" -> item.put("spec", Map.of(
          "accessModes", List.of(random.nextBoolean() ? "ReadWriteOnce" : "ReadWriteOncePod"),
          "resources", Map.of("requests", Map.of("storage", (1 + index) + "Gi")),
          "volumeName", "pv" + random.nextInt(3)));
      case "Pod" -> item.put("spec", Map.of(
          "nodeName", "node-" + random.nextInt(3),
          "volumes", List.of(Map.of("name", "v",
              "persistentVolumeClaim", Map.of("claimName", "n" + random.nextInt(4)))),
          "containers", List.of(Map.of("name", "app", "image", "app:1"))));
      case "ConfigMap" -> item.put("data", Map.of("text", "line one\nline two\n", "k", "[1, 2]"));
      default -> item.put("spec", Map.of("capacity", Map.of("storage", "1Gi")));
    }
    if (random.nextInt(15) == 0) {
      item.put("status", Map.of("phase", List.of("Bound")));
    }
    return item;
  }

  private static String render(Random random, Map<String, Object> list) {
    return switch (random.nextInt(3)) {
      case 0 -> new GsonBuilder().create().toJson(list);
      case 1 -> new GsonBuilder().setPrettyPrinting().create().toJson(list);
      default -> new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK)
          .setIndent(2).build()).dumpToString(list);
    };
  }

  // Breaks the text somewhere, or not.
  private static String mutate(Random random, String text) {
    if (text.isEmpty()) {
      return text;
    }
    int at = random.nextInt(text.length());
    return switch (random.nextInt(4)) {
      case 0 -> text.substring(0, at);
      case 1 -> text.substring(0, at) + BREAKING.charAt(random.nextInt(BREAKING.length()))
          + text.substring(at);
      case 2 -> text.substring(0, at) + text.substring(at + 1);
      default -> text;
    };
  }
}
