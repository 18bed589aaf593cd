package io.k8up.examples.live;

import com.google.common.collect.ImmutableMap;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.k8up.examples.cli.K8upRwoCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code k8up-rwo run -o json} (or {@code restore -o json}) on the lab's namespace, as its own process, so that a check can
 * kill it or send it a signal as a person would; its report and progress go to files.
 */
final class CliProcess {

  private final Process process;
  private final Path out;
  private final Path err;

  private CliProcess(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  /** Starts {@code run} with {@code options}; {@code name} names its output files in {@code dir}. */
  static CliProcess run(LiveLab lab, Path dir, String name, String... options) throws IOException {
    return start(lab, dir, name, "run", options);
  }

  /** Starts {@code restore} with {@code arguments} (claims and options); {@code name} names its output files. */
  static CliProcess restore(LiveLab lab, Path dir, String name, String... arguments) throws IOException {
    return start(lab, dir, name, "restore", arguments);
  }

  private static CliProcess start(LiveLab lab, Path dir, String name, String verb, String... options)
      throws IOException {
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), K8upRwoCommand.class.getName(), verb,
        "--kubeconfig", lab.kubectl().kubeconfig().toString(), "-n", lab.namespace(), "-o", "json"));
    command.addAll(List.of(options));
    Path out = dir.resolve(name + ".out");
    Path err = dir.resolve(name + ".err");
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    return new CliProcess(process, out, err);
  }

  /** Waits for the process to end, up to {@code timeout}; whether it ended. */
  boolean awaitExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  int exitCode() {
    return process.exitValue();
  }

  /** Sends the signal {@code name} (INT, TERM) as kill(1) would. */
  void signal(String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
    }
  }

  /** Kills the process at once (SIGKILL), as a crash or an evicted pod would end it. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** Ends the process if it still runs: a check that failed must not leave it behind. */
  void stop() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }

  /** The JSON report on standard output. */
  JsonObject report() throws IOException {
    return JsonParser.parseString(Files.readString(out)).getAsJsonObject();
  }

  /** Each claim's {@code status/reason} in the report, by name. */
  ImmutableMap<String, String> outcomes() throws IOException {
    ImmutableMap.Builder<String, String> outcomes = ImmutableMap.builder();
    for (JsonElement element : report().getAsJsonArray("outcomes")) {
      JsonObject outcome = element.getAsJsonObject();
      outcomes.put(outcome.get("name").getAsString(),
          outcome.get("status").getAsString() + "/" + outcome.get("reason").getAsString());
    }
    return outcomes.buildOrThrow();
  }

  /** The progress lines on standard error. */
  String progress() throws IOException {
    return Files.readString(err);
  }

  /** Everything it printed, for a failed assertion's message. */
  String transcript() throws IOException {
    return "stderr:\n" + progress() + "\nstdout:\n" + Files.readString(out);
  }
}
