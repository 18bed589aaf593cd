package io.k8up.fabric8;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/operators.md and this module's README as an operator author copies them: each Java snippet
 * is a complete file, with its imports, and compiles against the public API of k8up-core,
 * k8up-fabric8, client-java and fabric8. Snippets on the Java Operator SDK, which this module does not
 * depend on, are compiled by k8up-examples-operator's JosdkDocTest instead.
 */
@Timeout(120)
class OperatorsDocTest {

  private static final Pattern JAVA = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern CLASS = Pattern.compile("^(?:public )?(?:final )?class (\\w+)", Pattern.MULTILINE);

  @TempDir Path dir;

  @Test
  void everyJavaSnippetIsACompleteFileThatCompiles() throws IOException {
    List<Path> sources = new ArrayList<>();
    sources.addAll(write(Path.of("../docs/operators.md"), "operators"));
    sources.addAll(write(Path.of("README.md"), "readme"));
    assertThat(sources).as("the client-java, snapshot, gateway and fabric8 run examples, and the README's").hasSize(5);

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

  // Each snippet in a package of its own document, in a file named after its class.
  private List<Path> write(Path document, String packageName) throws IOException {
    Matcher snippets = JAVA.matcher(Files.readString(document));
    List<Path> sources = new ArrayList<>();
    while (snippets.find()) {
      String snippet = snippets.group(1);
      if (snippet.contains("import io.javaoperatorsdk.")) {
        continue;
      }
      Matcher name = CLASS.matcher(snippet);
      assertThat(name.find()).as("a snippet in %s declares a class", document).isTrue();
      Path source = dir.resolve(packageName).resolve(name.group(1) + ".java");
      Files.createDirectories(source.getParent());
      Files.writeString(source, "package " + packageName + ";\n" + snippet);
      sources.add(source);
    }
    return sources;
  }
}
