package io.k8up.examples.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The JVM settings of {@code java -jar k8up-rwo.jar}: a JVM cannot change its heap once started,
 * and a manifest cannot set one, so when the jar is started with no Java option at all, {@code
 * main} runs the command once more in a JVM with these settings, with the same arguments, standard
 * input and output, and ends with its exit code. Any Java option (on the command line, or in
 * {@code JAVA_TOOL_OPTIONS} or {@code JDK_JAVA_OPTIONS}, which the JVM counts among its options)
 * means the user chose the settings: the command then runs in the JVM as started.
 *
 * <p>See docs/performance.md, "Reading cluster files", for what each setting buys.
 */
final class DefaultJvm {

  // The JDK's lists, not Guava's: the first JVM has no class-data archive of the jar, and loading
  // and verifying Guava's list classes from the jar cost it about 20 ms.

  /** The settings, besides the class-data archive. */
  static final List<String> OPTIONS = List.of(
      // Enough for the documented sizes (a 300 MB dump), and a process that stays below 600 MB:
      // without it the JVM takes a quarter of the machine's memory and grows towards it.
      "-Xmx450m",
      // A throughput collector, with a thread per core, and without G1's memory beside the heap;
      // the objects read live until the plan is printed, so they are moved to the old generation
      // at their first collection instead of being copied between survivor spaces.
      "-XX:+UseParallelGC",
      "-XX:MaxTenuringThreshold=0",
      // A command lasts seconds: C2's compiled code would not pay back the time it takes.
      "-XX:TieredStopAtLevel=1");

  /** The variables whose Java options every JVM (or the java command) takes. */
  private static final List<String> JAVA_OPTION_VARIABLES =
      List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

  /** How long a signalled command has to clean up before this process gives up waiting. */
  private static final long GRACE_SECONDS = InterruptibleRun.CLEANUP_GRACE.toSeconds() + 10;

  private DefaultJvm() {}

  /**
   * The command that runs {@code args} with these settings, or empty if this JVM should run them:
   * when it was given Java options, or was not started as {@code java -jar}.
   *
   * @param javaArguments the arguments of this process's {@code java} command, such as {@code
   *     [-jar, k8up-rwo.jar, plan]}
   * @param environment this process's environment, where Java options may be, too
   * @param javaHome this JVM's home
   */
  static Optional<List<String>> command(
      List<String> javaArguments, Map<String, String> environment, String javaHome, List<String> args) {
    boolean optionsGiven = JAVA_OPTION_VARIABLES.stream().anyMatch(environment::containsKey);
    if (optionsGiven || javaArguments.size() < 2 || !javaArguments.get(0).equals("-jar")) {
      return Optional.empty();
    }
    Path jar = Path.of(javaArguments.get(1)).toAbsolutePath();
    List<String> command = new ArrayList<>();
    command.add(Path.of(javaHome, "bin", "java").toString());
    command.addAll(OPTIONS);
    // Made by the build next to the jar (k8up-examples/pom.xml).
    Path archive = jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", ".jsa"));
    if (madeFor(jar, archive)) {
      // An archive the JVM cannot use (the jar changed since) would be a warning on standard
      // output, where the plan goes; it only costs start-up time, so it is not said.
      command.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
    }
    command.addAll(List.of("-cp", jar.toString(), K8upRwoCommand.class.getName()));
    command.addAll(args);
    return Optional.of(List.copyOf(command));
  }

  /**
   * Whether {@code archive} was made for {@code jar} where it is: the build writes the jar's path
   * beside it ({@code k8up-rwo.jsa.path}). Java 17 uses a static archive only for the jar at the
   * path it was made with, and one made elsewhere leaves the JVM with no archive at all, not even
   * the JDK's own: a jar copied with its archive would start slower than without it.
   */
  static boolean madeFor(Path jar, Path archive) {
    Path madeFor = archive.resolveSibling(archive.getFileName() + ".path");
    try {
      return Files.isRegularFile(archive)
          && Files.isSameFile(jar, Path.of(Files.readString(madeFor, StandardCharsets.UTF_8).strip()));
    } catch (IOException | InvalidPathException e) {
      return false;
    }
  }

  /**
   * Runs {@code command} with this process's standard input, output and error, and returns its
   * exit code. A signal that ends this process is passed on, and the command given time to clean
   * up, as {@link InterruptibleRun} gives a run.
   *
   * @throws IOException if the command cannot be started
   * @throws InterruptedException if this thread is interrupted while the command runs
   */
  static int run(List<String> command) throws IOException, InterruptedException {
    Process child = new ProcessBuilder(command).inheritIO().start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (!child.isAlive()) {
        return;
      }
      // A signal from the terminal reached the command too; one sent to this process alone did not.
      child.destroy();
      try {
        boolean ended = child.waitFor(GRACE_SECONDS, TimeUnit.SECONDS);
        Runtime.getRuntime().halt(ended ? child.exitValue() : InterruptibleRun.SIGNALLED);
      } catch (InterruptedException e) {
        Runtime.getRuntime().halt(InterruptibleRun.SIGNALLED);
      }
    }, "k8up-rwo-signal"));
    return child.waitFor();
  }
}
