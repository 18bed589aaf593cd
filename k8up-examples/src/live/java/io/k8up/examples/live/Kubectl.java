package io.k8up.examples.live;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * kubectl against the lab: the checks set the cluster up and read it as a person would, and the
 * fake kubelet uses the same client, so what they see is what it sees.
 */
final class Kubectl {

  private static final long TIMEOUT_SECONDS = 60;

  private final Path kubeconfig;

  Kubectl(Path kubeconfig) {
    this.kubeconfig = kubeconfig;
  }

  Path kubeconfig() {
    return kubeconfig;
  }

  /** Runs kubectl with {@code args}; throws unless it exits 0. */
  String run(String... args) {
    Result result = attempt(null, args);
    if (result.code() != 0) {
      throw new IllegalStateException("kubectl " + String.join(" ", args) + " exited " + result.code() + ": "
          + result.err());
    }
    return result.out();
  }

  /** Applies {@code yaml} (one or more documents). */
  void apply(String yaml) {
    Result result = attempt(yaml, "apply", "-f", "-");
    if (result.code() != 0) {
      throw new IllegalStateException("kubectl apply exited " + result.code() + ": " + result.err() + "\n" + yaml);
    }
  }

  /** {@code kubectl ARGS -o json}, parsed. */
  JsonObject json(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("-o");
    all.add("json");
    return JsonParser.parseString(run(all.toArray(String[]::new))).getAsJsonObject();
  }

  /** What one call of kubectl gave. */
  record Result(int code, String out, String err) {}

  /** Runs kubectl with {@code args}, {@code input} on its standard input if not null, whatever it exits with. */
  Result attempt(String input, String... args) {
    List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("kubectl", ".out");
      Path err = Files.createTempFile("kubectl", ".err");
      try {
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try (var stdin = process.getOutputStream()) {
          if (input != null) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
          }
        }
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException("kubectl " + String.join(" ", args) + " did not end in " + TIMEOUT_SECONDS
              + " s");
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run kubectl: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while kubectl ran", e);
    }
  }
}
