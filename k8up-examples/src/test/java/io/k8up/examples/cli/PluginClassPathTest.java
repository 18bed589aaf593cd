package io.k8up.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A strategy plug-in runs in the command line as the README says: its jar on the class path next
 * to the command line's, its id in {@code --strategy-order}. Each run is a separate JVM whose
 * class path has no test resources, so only the plug-in jar registers the example strategy.
 */
@Timeout(120)
class PluginClassPathTest {

  private static final String ID = "example-shared-class";
  private static final String PROVIDER = "io.k8up.examples.plugin.SharedStorageClassStrategyProvider";

  @TempDir Path dir;

  @Test
  void aPluginJarOnTheClassPathIsFoundAndAskedByItsId() throws Exception {
    Path plugin = pluginJar();

    Result with = cli(plugin.toString(), "explain", "--sample", "--strategy-order", ID + ",job-per-pvc", "shop/assets");
    Result without = cli(null, "explain", "--sample", "--strategy-order", ID + ",job-per-pvc", "shop/assets");

    assertThat(with.exitCode()).as(with.err()).isZero();
    assertThat(with.out()).contains("strategy " + ID, "it backs up claims of StorageClass nfs-client only");
    assertThat(without.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(without.err()).contains("no strategy with id " + ID + " is installed");
  }

  /** A jar with the example plug-in's classes and its {@code META-INF/services} entry, as a plug-in author ships it. */
  private Path pluginJar() throws IOException {
    Path jar = dir.resolve("plugin.jar");
    Path classes = Path.of("target/classes/io/k8up/examples/plugin");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      add(out, "META-INF/services/io.k8up.core.spi.VolumeAccessStrategyProvider", (PROVIDER + "\n").getBytes(StandardCharsets.UTF_8));
      for (String name : List.of("SharedStorageClassStrategy.class", "SharedStorageClassStrategyProvider.class")) {
        add(out, "io/k8up/examples/plugin/" + name, Files.readAllBytes(classes.resolve(name)));
      }
    }
    return jar;
  }

  private static void add(JarOutputStream out, String name, byte[] content) throws IOException {
    out.putNextEntry(new JarEntry(name));
    out.write(content);
    out.closeEntry();
  }

  private record Result(int exitCode, String out, String err) {}

  // java -cp COMMAND-LINE-CLASS-PATH[:PLUGIN] io.k8up.examples.cli.K8upRwoCommand ARGS
  private Result cli(String plugin, String... args) throws IOException, InterruptedException {
    List<String> classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.endsWith("test-classes") && !entry.contains("surefire"))
        .collect(Collectors.toCollection(ArrayList::new));
    if (plugin != null) {
      classPath.add(plugin);
    }
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", String.join(File.pathSeparator, classPath), "io.k8up.examples.cli.K8upRwoCommand"));
    command.addAll(List.of(args));
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the command line did not end within 60 s");
    }
    return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
  }
}
