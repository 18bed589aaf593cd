package io.k8up.examples.josdk;

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
 * The Java Operator SDK snippets of docs/operators.md, which k8up-fabric8's OperatorsDocTest leaves
 * out, are complete files that compile against the SDK, fabric8 and k8up-rwo.
 */
@Timeout(120)
class JosdkDocTest {

  private static final Pattern JAVA = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern CLASS = Pattern.compile("^(?:public )?(?:final )?class (\\w+)", Pattern.MULTILINE);

  @TempDir Path dir;

  @Test
  void everyJosdkSnippetOfTheOperatorsGuideCompiles() throws IOException {
    List<Path> sources = new ArrayList<>();
    Matcher snippets = JAVA.matcher(Files.readString(Path.of("../docs/operators.md")));
    while (snippets.find()) {
      String snippet = snippets.group(1);
      if (snippet.contains("import io.javaoperatorsdk.")) {
        Matcher name = CLASS.matcher(snippet);
        assertThat(name.find()).as("a snippet in docs/operators.md declares a class").isTrue();
        Path source = dir.resolve("operators").resolve(name.group(1) + ".java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "package operators;\n" + snippet);
        sources.add(source);
      }
    }
    assertThat(sources).as("the Java Operator SDK example of docs/operators.md").hasSize(1);

    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    boolean compiled;
    try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      compiled = compiler.getTask(null, files, diagnostics,
          List.of("-proc:none", "-d", dir.resolve("out").toString(), "-cp", System.getProperty("java.class.path")),
          null, files.getJavaFileObjectsFromPaths(sources)).call();
    }
    assertThat(diagnostics.getDiagnostics()).as("javac's diagnostics: fix the snippet in docs/operators.md").isEmpty();
    assertThat(compiled).isTrue();
  }
}
