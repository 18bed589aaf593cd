package io.k8up.core.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a process on the host with exactly the environment given, none of the test's own. */
final class HostProcesses {

  private HostProcesses() {}

  /**
   * Runs {@code commandLine} in {@code directory} with environment {@code env} and no standard
   * input, waits for it and returns what it wrote. Its output goes to files in {@code directory},
   * so a chatty process can never block on a full pipe.
   *
   * @throws AssertionError if it runs longer than {@code timeout}; it is killed
   */
  static ProcessResult run(List<String> commandLine, Map<String, String> env, Path directory, Duration timeout)
      throws IOException, InterruptedException {
    Path stdout = Files.createTempFile(directory, "stdout-", ".txt");
    Path stderr = Files.createTempFile(directory, "stderr-", ".txt");
    ProcessBuilder builder = new ProcessBuilder(commandLine)
        .directory(directory.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile());
    // The test's environment (its HOME, a developer's RESTIC_* variables) must not leak in.
    builder.environment().clear();
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("still running after " + timeout + ", killed: " + commandLine);
    }
    // Lenient decoding: a file name restic prints need not be valid UTF-8.
    return new ProcessResult(process.exitValue(),
        new String(Files.readAllBytes(stdout), StandardCharsets.UTF_8),
        new String(Files.readAllBytes(stderr), StandardCharsets.UTF_8));
  }
}
