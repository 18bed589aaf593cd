package io.k8up.core.sink;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.k8up.core.internal.command.OutputTail;
import java.io.BufferedReader;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The default {@link BackupSink}: each command's output goes into {@code restic backup --stdin}, a
 * process started where the executor runs, as K8up does. The snapshot is stored under the
 * stream's {@linkplain StreamTarget#fileName() file name}, with host name the namespace and tags
 * {@code k8up-rwo} and {@code run=<run id>}, like the file backups of {@link
 * io.k8up.core.spi.BackupToolSpec#restic}.
 *
 * <p>The repository and its password come from the environment of this process ({@code
 * RESTIC_REPOSITORY}, {@code RESTIC_PASSWORD} or {@code RESTIC_PASSWORD_FILE}, and the storage's
 * credentials), plus whatever {@link Builder#environment} adds; no value is ever logged or
 * reported. A failed or aborted stream is killed before its end reaches restic, so restic never
 * saves a snapshot of part of an output; the data it wrote so far is unreferenced, and {@code
 * restic prune} removes it.
 */
public final class ResticSink implements BackupSink {

  private final String executable;
  private final ImmutableMap<String, String> environment;
  private final ImmutableList<String> extraArgs;

  private ResticSink(Builder builder) {
    this.executable = builder.executable;
    this.environment = ImmutableMap.copyOf(builder.environment);
    this.extraArgs = ImmutableList.copyOf(builder.extraArgs);
  }

  /** A sink running {@code restic} from the {@code PATH}, with this process's environment. */
  public static ResticSink fromEnvironment() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  private ImmutableList<String> commandLine(StreamTarget target) {
    return ImmutableList.<String>builder()
        .add(executable, "backup", "--stdin", "--stdin-filename", target.fileName())
        .add("--host", target.namespace())
        .add("--tag", "k8up-rwo", "--tag", "run=" + target.runId().value())
        .add("--json")
        .addAll(extraArgs)
        .build();
  }

  @Override
  public SinkWriter open(StreamTarget target) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(commandLine(target));
    builder.environment().putAll(environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IOException("could not start " + executable + " (" + e.getMessage() + "): install restic where"
          + " the executor runs (Debian: apt-get install restic), or give the executor another BackupSink", e);
    }
    return new ResticWriter(process, target.fileName());
  }

  /** One {@code restic backup --stdin} process. */
  private static final class ResticWriter implements SinkWriter {

    private final Process process;
    private final OutputTail stderr = new OutputTail(OutputTail.DEFAULT_LIMIT);
    private final AtomicReference<String> snapshotId = new AtomicReference<>();
    private final Thread stderrDrain;
    private final Thread stdoutDrain;
    private final OutputStream stream;

    ResticWriter(Process process, String fileName) {
      this.process = process;
      this.stderrDrain = stderr.drain(process.getErrorStream(), "k8up-rwo-restic-stderr-" + fileName);
      this.stdoutDrain = new Thread(this::readSummary, "k8up-rwo-restic-stdout-" + fileName);
      stdoutDrain.setDaemon(true);
      stdoutDrain.start();
      this.stream = new FilterOutputStream(process.getOutputStream()) {
        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
          try {
            out.write(bytes, offset, length);
          } catch (IOException e) {
            throw new IOException(whyItStopped(), e);
          }
        }
      };
    }

    @Override
    public OutputStream stream() {
      return stream;
    }

    @Override
    public SinkReceipt commit() throws IOException, InterruptedException {
      try {
        process.getOutputStream().close();
      } catch (IOException e) {
        throw new IOException(whyItStopped(), e);
      }
      int exit;
      try {
        exit = process.waitFor();
      } catch (InterruptedException e) {
        abort();
        throw e;
      }
      stdoutDrain.join(TimeUnit.SECONDS.toMillis(5));
      stderrDrain.join(TimeUnit.SECONDS.toMillis(5));
      if (exit != 0) {
        throw new IOException("restic backup exited " + exit + ": " + stderr.text());
      }
      return SinkReceipt.of(Optional.ofNullable(snapshotId.get()));
    }

    @Override
    public void abort() {
      // Killed before its input ends: restic saves no snapshot of part of the output.
      process.destroyForcibly();
      try {
        process.getOutputStream().close();
      } catch (IOException e) {
        // The process is gone; its input pipe may already be broken.
      }
    }

    // restic ends when it cannot go on: its own words say why, e.g. a wrong password.
    private String whyItStopped() {
      try {
        if (process.waitFor(5, TimeUnit.SECONDS)) {
          stderrDrain.join(TimeUnit.SECONDS.toMillis(2));
          return "restic backup exited " + process.exitValue() + ": " + stderr.text();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "restic backup stopped reading its input";
    }

    private void readSummary() {
      try (BufferedReader lines = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = lines.readLine()) != null; ) {
          summarySnapshotId(line).ifPresent(snapshotId::set);
        }
      } catch (IOException e) {
        // The process was killed; there is no summary to read.
      }
    }

    // restic --json prints progress lines and, at the end, {"message_type":"summary",...,"snapshot_id":...}.
    private static Optional<String> summarySnapshotId(String line) {
      if (!line.startsWith("{")) {
        return Optional.empty();
      }
      try {
        JsonObject message = JsonParser.parseString(line).getAsJsonObject();
        JsonElement type = message.get("message_type");
        JsonElement id = message.get("snapshot_id");
        return type != null && "summary".equals(type.getAsString()) && id != null
            ? Optional.of(id.getAsString()) : Optional.empty();
      } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
        return Optional.empty();
      }
    }
  }

  /** Builds a {@link ResticSink}. */
  public static final class Builder {

    private String executable = "restic";
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> extraArgs = new ArrayList<>();

    private Builder() {}

    /** The restic program: a name looked up on the {@code PATH}, or a path; default {@code restic}. */
    public Builder executable(String executable) {
      checkArgument(!executable.isBlank(), "the restic executable must not be blank");
      this.executable = executable;
      return this;
    }

    /**
     * Sets a variable of restic's environment, over this process's own, e.g. {@code
     * RESTIC_REPOSITORY}. Values are passed to restic only, never logged.
     */
    public Builder environment(String name, String value) {
      environment.put(checkNotNull(name, "name"), checkNotNull(value, "value"));
      return this;
    }

    /** Adds arguments to every {@code restic backup}, e.g. {@code --limit-upload 1024}. */
    public Builder extraArgs(List<String> args) {
      extraArgs.addAll(args);
      return this;
    }

    public ResticSink build() {
      return new ResticSink(this);
    }
  }
}
