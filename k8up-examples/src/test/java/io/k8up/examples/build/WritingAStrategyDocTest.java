package io.k8up.examples.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * docs/writing-a-strategy.md as a strategy author copies it: its Java snippets compile against the
 * public API and the test-jar, and its Maven snippet gives every coordinate the test helpers need,
 * at this build's versions.
 */
@Timeout(120)
class WritingAStrategyDocTest {

  private static final Path ROOT = Path.of("..");
  private static final Pattern JAVA = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern XML = Pattern.compile("```xml\\n(.*?)```", Pattern.DOTALL);

  private static final String IMPORTS = String.join("\n",
      "import static com.google.common.base.Preconditions.checkArgument;",
      "import static io.k8up.core.testing.Fixtures.NAMESPACE;",
      "import io.k8up.core.model.*;",
      "import io.k8up.core.plan.*;",
      "import io.k8up.core.run.*;",
      "import io.k8up.core.snapshot.*;",
      "import io.k8up.core.spi.*;",
      "import io.k8up.core.spi.support.*;",
      "import io.kubernetes.client.openapi.models.*;",
      "import io.k8up.core.testing.*;",
      "import io.k8up.examples.plugin.*;",
      "import java.time.*;",
      "import java.util.*;",
      "import java.util.function.*;",
      "");

  /** Each snippet, in the doc's order, in a file that gives it what the text around it says it has. */
  private static final List<Map.Entry<String, String>> HARNESSES = List.of(
      Map.entry("doc/SharedStorageClassStrategyProvider", "%s"),
      // The interface as the doc outlines it, apart so that it does not hide the real one.
      Map.entry("doc/outline/VolumeAccessStrategy", "%s"),
      Map.entry("doc/Supports", "class Supports {\n  String storageClass;\n"
          + "  Support supports(ClaimTarget target, ClusterSnapshot snapshot) {\n%s\n  }\n}"),
      Map.entry("doc/Materialize", "class Materialize {\n  static final String ID = \"example-shared-class\";\n"
          + "  Materialization materialize(BackupUnit unit, RunContext context) {\n%s\n  }\n}"),
      Map.entry("doc/Run", "class Run {\n  MockApiServer api;\n  BackupPlanner planner;\n  BackupPlan plan;\n"
          + "  ClusterSnapshot snapshot;\n  BackupReport report;\n  void run() throws Exception {\n%s\n  }\n}"));

  @TempDir Path dir;

  @Test
  void javaSnippetsCompile() throws IOException {
    List<String> snippets = blocks(JAVA);
    assertThat(snippets).as("a new snippet needs a harness here").hasSameSizeAs(HARNESSES);
    List<Path> sources = new ArrayList<>();
    for (int i = 0; i < snippets.size(); i++) {
      String path = HARNESSES.get(i).getKey();
      Path source = dir.resolve(path + ".java");
      Files.createDirectories(source.getParent());
      String packageName = path.substring(0, path.lastIndexOf('/')).replace('/', '.');
      Files.writeString(source, "package " + packageName + ";\n" + IMPORTS
          + String.format(HARNESSES.get(i).getValue(), snippets.get(i)));
      sources.add(source);
    }

    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    boolean compiled;
    try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      compiled = compiler.getTask(null, files, diagnostics,
          List.of("-proc:none", "-d", dir.resolve("out").toString(), "-cp", System.getProperty("java.class.path")),
          null, files.getJavaFileObjectsFromPaths(sources)).call();
    }

    assertThat(diagnostics.getDiagnostics()).as("javac's diagnostics").isEmpty();
    assertThat(compiled).isTrue();
  }

  @Test
  void mavenSnippetGivesEveryTestHelperDependencyAtThisBuildsVersion() throws Exception {
    Document parent = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(ROOT.resolve("pom.xml").toFile());
    Map<String, String> versions = Map.of(
        "io.fabric8:kubernetes-server-mock", property(parent, "fabric8.version"),
        "io.fabric8:kubernetes-client-api", property(parent, "fabric8.version"),
        "org.junit.jupiter:junit-jupiter", property(parent, "junit.version"),
        "org.assertj:assertj-core", property(parent, "assertj.version"),
        "org.quicktheories:quicktheories", property(parent, "quicktheories.version"));

    List<String> xml = blocks(XML);
    assertThat(xml).hasSize(1);
    Element dependencies = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(("<dependencies>" + xml.get(0) + "</dependencies>").getBytes(StandardCharsets.UTF_8)))
        .getDocumentElement();
    Map<String, String> given = new java.util.HashMap<>();
    NodeList list = dependencies.getElementsByTagName("dependency");
    for (int i = 0; i < list.getLength(); i++) {
      Element dependency = (Element) list.item(i);
      String key = text(dependency, "groupId") + ":" + text(dependency, "artifactId");
      given.put(key, key.startsWith("io.k8up:") ? "BOM" : text(dependency, "version"));
    }

    assertThat(given).containsEntry("io.k8up:k8up-core", "BOM").containsAllEntriesOf(versions);
  }

  private static List<String> blocks(Pattern fence) throws IOException {
    Matcher matcher = fence.matcher(Files.readString(ROOT.resolve("docs/writing-a-strategy.md")));
    List<String> blocks = new ArrayList<>();
    while (matcher.find()) {
      blocks.add(matcher.group(1));
    }
    return blocks;
  }

  private static String property(Document pom, String name) {
    return text((Element) pom.getElementsByTagName("properties").item(0), name);
  }

  private static String text(Element parent, String name) {
    NodeList nodes = parent.getElementsByTagName(name);
    return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
  }
}
