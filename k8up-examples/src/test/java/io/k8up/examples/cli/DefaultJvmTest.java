package io.k8up.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class DefaultJvmTest {

  private static final String JAVA_HOME = System.getProperty("java.home");

  @TempDir Path dir;

  @Test
  void javaJarWithoutOptionsRunsTheCommandInAJvmWithTheJarsSettings() {
    Path jar = dir.resolve("k8up-rwo.jar");

    List<String> command = DefaultJvm.command(
        List.of("-jar", jar.toString(), "plan", "--sample"), Map.of(), JAVA_HOME, List.of("plan", "--sample"))
        .orElseThrow();

    assertThat(command).startsWith(Path.of(JAVA_HOME, "bin", "java").toString());
    assertThat(command).containsSubsequence(DefaultJvm.OPTIONS);
    assertThat(command).anyMatch(option -> option.startsWith("-Xmx"));
    assertThat(command).endsWith("-cp", jar.toString(), K8upRwoCommand.class.getName(), "plan", "--sample");
    assertThat(command).noneMatch(option -> option.startsWith("-XX:SharedArchiveFile"));
  }

  @Test
  void theClassDataArchiveNextToTheJarIsUsedWhenThereIsOne() throws IOException {
    Path jar = Files.createFile(dir.resolve("k8up-rwo.jar"));
    Files.createFile(dir.resolve("k8up-rwo.jsa"));
    Files.writeString(dir.resolve("k8up-rwo.jsa.path"), jar + "\n");

    List<String> command =
        DefaultJvm.command(List.of("-jar", jar.toString()), Map.of(), JAVA_HOME, List.of()).orElseThrow();

    assertThat(command).contains("-XX:SharedArchiveFile=" + dir.resolve("k8up-rwo.jsa"));
  }

  @Test
  void anArchiveMadeForTheJarElsewhereIsNotUsed() throws IOException {
    Path jar = Files.createFile(dir.resolve("k8up-rwo.jar"));
    Path archive = Files.createFile(dir.resolve("k8up-rwo.jsa"));

    assertThat(DefaultJvm.madeFor(jar, archive)).as("no path written beside it").isFalse();
    Files.writeString(dir.resolve("k8up-rwo.jsa.path"), "/build/k8up-examples/target/k8up-rwo.jar\n");
    assertThat(DefaultJvm.madeFor(jar, archive)).as("made for the jar where it was built").isFalse();
    assertThat(DefaultJvm.command(List.of("-jar", jar.toString()), Map.of(), JAVA_HOME, List.of()).orElseThrow())
        .noneMatch(option -> option.startsWith("-XX:SharedArchiveFile"));
    Files.writeString(dir.resolve("k8up-rwo.jsa.path"), dir.resolve(".").resolve("k8up-rwo.jar") + "\n");
    assertThat(DefaultJvm.madeFor(jar, archive)).as("the same file by another path").isTrue();
  }

  @Test
  void javaOptionsOfTheUserAreKeptAsGiven() {
    String jar = dir.resolve("k8up-rwo.jar").toString();

    assertThat(DefaultJvm.command(List.of("-Xmx2g", "-jar", jar), Map.of(), JAVA_HOME, List.of())).isEmpty();
    for (String variable : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")) {
      assertThat(DefaultJvm.command(List.of("-jar", jar), Map.of(variable, "-Xmx2g"), JAVA_HOME, List.of()))
          .isEmpty();
    }
    assertThat(DefaultJvm.command(List.of("-cp", jar, K8upRwoCommand.class.getName()), Map.of(), JAVA_HOME,
        List.of())).isEmpty();
  }

  @Test
  @Timeout(60)
  void theCommandsExitCodeIsPassedOn() throws Exception {
    List<String> failing = List.of(Path.of(JAVA_HOME, "bin", "java").toString(), "-cp", dir.toString(), "NoSuchClass");

    assertThat(DefaultJvm.run(failing)).isEqualTo(1);
  }
}
