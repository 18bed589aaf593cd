package io.k8up.examples.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A consumer that compiles with every lint and warnings as errors builds cleanly against the
 * public API, with what k8up-core gives it: the Immutables annotation processor is not on its
 * class path, only the annotations.
 */
@Timeout(120)
class ConsumerBuildTest {

  // The processor jar (value-2.12.2.jar), which a consumer does not get; value-2.12.2-annotations.jar stays.
  private static final Pattern PROCESSOR = Pattern.compile(".*[/\\\\]org[/\\\\]immutables[/\\\\]value[/\\\\][^/\\\\]+[/\\\\]value-[0-9.]+\\.jar");

  @TempDir Path dir;

  @Test
  void consumerCompilesWithXlintAllAndWerror() throws IOException {
    Path source = dir.resolve("consumer/Consumer.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, String.join("\n",
        "package consumer;",
        "",
        "import io.k8up.core.K8upRwo;",
        "import io.k8up.core.TerminalText;",
        "import io.k8up.core.model.Placement;",
        "import io.k8up.core.plan.Action;",
        "import io.k8up.core.plan.BackupPlan;",
        "import io.k8up.core.plan.Decision;",
        "import io.k8up.core.run.BackupReport;",
        "import io.k8up.core.spi.BackupToolSpec;",
        "import io.k8up.core.run.ExecutorOptions;",
        "import io.k8up.core.run.Manifests;",
        "import io.k8up.core.snapshot.ClusterSnapshot;",
        "import io.kubernetes.client.common.KubernetesObject;",
        "import java.util.List;",
        "",
        "/** Uses the library as the README shows. */",
        "public final class Consumer {",
        "  private Consumer() {}",
        "",
        "  /** Plans {@code snapshot} and describes the backups. */",
        "  public static String describe(ClusterSnapshot snapshot) {",
        "    K8upRwo backups = K8upRwo.builder().snapshot(snapshot)",
        "        .tool(BackupToolSpec.restic(\"repo\").build())",
        "        .executorOptions(ExecutorOptions.builder().maxConcurrent(2).build())",
        "        .build();",
        "    BackupPlan plan = backups.plan(snapshot);",
        "    StringBuilder text = new StringBuilder();",
        "    for (Decision decision : plan.decisions(Action.BACKUP)) {",
        "      text.append(TerminalText.escape(decision.subject().toString()))",
        "          .append(decision.claimTarget().map(target -> target.placement().describe()).orElse(\"\"))",
        "          .append(decision.node().orElse(\"-\"));",
        "    }",
        "    List<KubernetesObject> objects = backups.manifests(plan, snapshot).objects();",
        "    return text + Manifests.toYaml(objects) + plan.hasFailures() + Placement.anywhere().describe();",
        "  }",
        "",
        "  /** Whether {@code report} has failures. */",
        "  public static boolean failed(BackupReport report) {",
        "    return report.hasFailures();",
        "  }",
        "}",
        ""));
    String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !PROCESSOR.matcher(entry).matches())
        .collect(Collectors.joining(File.pathSeparator));
    assertThat(classPath).contains("-annotations.jar");

    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    boolean compiled;
    try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      compiled = compiler.getTask(null, files, diagnostics,
          List.of("-Xlint:all", "-Werror", "-proc:none", "--release", "17", "-d", dir.resolve("out").toString(),
              "-cp", classPath),
          null, files.getJavaFileObjects(source)).call();
    }

    assertThat(diagnostics.getDiagnostics()).as("javac's diagnostics").isEmpty();
    assertThat(compiled).isTrue();
  }
}
