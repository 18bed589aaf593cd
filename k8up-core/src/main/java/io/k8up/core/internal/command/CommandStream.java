package io.k8up.core.internal.command;

import io.k8up.core.kube.ExecEnd;
import io.k8up.core.kube.ExecSession;
import io.k8up.core.kube.KubeGateway;
import io.k8up.core.model.CommandTarget;
import io.k8up.core.run.CommandReport;
import io.k8up.core.run.OutcomeReason;
import io.k8up.core.run.OutcomeStatus;
import io.k8up.core.spi.RunId;
import io.k8up.core.sink.BackupSink;
import io.k8up.core.sink.SinkReceipt;
import io.k8up.core.sink.SinkWriter;
import io.k8up.core.sink.StreamTarget;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one pod's backup command and streams its standard output into a sink, a buffer at a time:
 * a dump larger than memory passes through. The sink keeps the output only when the command
 * exited 0 having written something; every other ending aborts it. {@link #cancel()} may be called
 * from another thread at any time and ends {@link #run()} promptly.
 */
public final class CommandStream {


  private static final int BUFFER_BYTES = 64 * 1024;

  private static final int MESSAGE_STDERR_CHARS = 500;

  // After the output ends, the exit status follows in the same connection, at once.
  private static final Duration STATUS_WAIT = Duration.ofSeconds(30);

  private final KubeGateway gateway;
  private final BackupSink sink;
  private final CommandTarget command;
  private final StreamTarget target;
  private volatile boolean cancelled;
  private volatile ExecSession session;
  private volatile SinkWriter writer;
  private final AtomicBoolean aborted = new AtomicBoolean();
  private long streamed;

  public CommandStream(KubeGateway gateway, BackupSink sink, CommandTarget command, RunId runId) {
    this.gateway = gateway;
    this.sink = sink;
    this.command = command;
    this.target = StreamTarget.of(command, runId);
  }

  /** Stops the command and aborts the sink; {@link #run()} then returns soon after. */
  public void cancel() {
    cancelled = true;
    abortSink();
    ExecSession connection = session;
    if (connection != null) {
      connection.close();
    }
  }

  /** Runs the command to its end; its result is meaningless once {@link #cancel()} was called. */
  public CommandResult run() throws InterruptedException {
    try {
      return stream();
    } catch (RuntimeException | InterruptedException e) {
      // Whatever went wrong, nothing of a stream that did not end well may be kept.
      cancel();
      throw e;
    }
  }

  private CommandResult stream() throws InterruptedException {
    OutputTail stderr = new OutputTail(OutputTail.DEFAULT_LIMIT);
    try {
      // The annotation holds a shell command line; K8up runs it the same way.
      session = gateway.exec(command.namespace(), command.name(), command.container(),
          List.of("/bin/sh", "-c", command.command()));
    } catch (IOException e) {
      return failed(OutcomeReason.EXEC_FAILED, "the backup command could not be started: " + e.getMessage(),
          0, Optional.empty(), stderr);
    }
    try {
      writer = sink.open(target);
    } catch (IOException | RuntimeException e) {
      session.close();
      return failed(OutcomeReason.SINK_FAILED, "the backup sink could not be opened: " + e.getMessage(),
          0, Optional.empty(), stderr);
    }
    if (cancelled) {
      cancel();
    }
    Thread stderrDrain = stderr.drain(session.stderr(), "k8up-rwo-exec-stderr-" + command.name());
    try {
      copy(session.stdout(), writer.stream());
    } catch (SinkWriteException e) {
      session.close();
      abortSink();
      return failed(OutcomeReason.SINK_FAILED, "the backup sink failed while the command's output streamed"
          + " into it: " + e.getCause().getMessage(), streamed, Optional.empty(), stderr);
    } catch (IOException e) {
      // The connection broke; its end, below, says how.
    }
    Optional<ExecEnd> end = session.awaitEnd(STATUS_WAIT);
    stderrDrain.join(Duration.ofSeconds(5).toMillis());
    return settle(end, streamed, stderr);
  }

  private CommandResult settle(Optional<ExecEnd> end, long bytes, OutputTail stderr) throws InterruptedException {
    if (end.isEmpty()) {
      abortSink();
      session.close();
      return failed(OutcomeReason.EXEC_FAILED, "the command's output ended but its exit status did not arrive"
          + " within " + STATUS_WAIT.toSeconds() + " s; run it again", bytes, Optional.empty(), stderr);
    }
    ExecEnd how = end.get();
    switch (how.kind()) {
      case REFUSED:
        abortSink();
        return refused(how, bytes, stderr);
      case BROKEN:
        abortSink();
        return failed(OutcomeReason.EXEC_FAILED, "the backup command did not run to its end in container "
            + command.container() + ": " + how.message(), bytes, Optional.empty(), stderr);
      default:
        break;
    }
    if (how.exitCode() != 0) {
      abortSink();
      return failed(OutcomeReason.COMMAND_FAILED, "the backup command exited " + how.exitCode()
          + "; nothing was kept. Its standard error ends: " + orNothing(stderr), bytes,
          Optional.of(how.exitCode()), stderr);
    }
    if (bytes == 0) {
      abortSink();
      return failed(OutcomeReason.COMMAND_FAILED, "the backup command exited 0 but wrote nothing to its standard"
          + " output, so there is nothing to back up; check that it writes the dump to standard output, not to"
          + " a file. Its standard error ends: " + orNothing(stderr), bytes, Optional.of(0), stderr);
    }
    SinkReceipt receipt;
    try {
      receipt = writer.commit();
    } catch (IOException | RuntimeException e) {
      abortSink();
      return failed(OutcomeReason.SINK_FAILED, "the backup sink could not store the command's output: "
          + e.getMessage(), bytes, Optional.of(0), stderr);
    }
    return new CommandResult(OutcomeStatus.SUCCEEDED, OutcomeReason.BACKED_UP,
        "streamed " + bytes + " bytes of the backup command's output as " + target.fileName()
            + receipt.snapshotId().map(id -> " (snapshot " + id + ")").orElse(""),
        Optional.of(report(bytes, Optional.of(0), stderr, receipt.snapshotId())));
  }

  // Once only, whether the run cut the command off or it failed on its own.
  private void abortSink() {
    SinkWriter current = writer;
    if (current != null && aborted.compareAndSet(false, true)) {
      current.abort();
    }
  }

  private CommandResult refused(ExecEnd how, long bytes, OutputTail stderr) {
    if (how.httpStatus() == 403) {
      return failed(OutcomeReason.FORBIDDEN, "the API server forbade running the backup command (" + how.message()
          + "); grant create on pods/exec in namespace " + command.namespace(), bytes, Optional.empty(), stderr);
    }
    return failed(OutcomeReason.EXEC_FAILED, "the API server refused to run the backup command in container "
        + command.container() + " of pod " + command.name() + " (HTTP " + how.httpStatus() + "): " + how.message(),
        bytes, Optional.empty(), stderr);
  }

  private CommandResult failed(OutcomeReason reason, String message, long bytes, Optional<Integer> exitCode,
      OutputTail stderr) {
    return new CommandResult(OutcomeStatus.FAILED, reason, message,
        Optional.of(report(bytes, exitCode, stderr, Optional.empty())));
  }

  private CommandReport report(long bytes, Optional<Integer> exitCode, OutputTail stderr, Optional<String> snapshot) {
    return CommandReport.builder()
        .fileName(target.fileName())
        .bytesStreamed(bytes)
        .exitCode(exitCode)
        .stderr(stderr.text())
        .snapshotId(snapshot)
        .build();
  }

  // The message quotes the end of standard error only; the report's command section has all 4 KiB.
  private static String orNothing(OutputTail stderr) {
    String text = stderr.text();
    if (text.isEmpty()) {
      return "(nothing)";
    }
    return text.length() <= MESSAGE_STDERR_CHARS ? text : "…" + text.substring(text.length() - MESSAGE_STDERR_CHARS);
  }

  private void copy(InputStream from, OutputStream to) throws IOException {
    byte[] buffer = new byte[BUFFER_BYTES];
    for (int n; (n = from.read(buffer)) >= 0; ) {
      try {
        to.write(buffer, 0, n);
      } catch (IOException e) {
        throw new SinkWriteException(e);
      }
      streamed += n;
    }
  }

  /** A write to the sink failed, as opposed to a read from the command. */
  private static final class SinkWriteException extends IOException {
    SinkWriteException(IOException cause) {
      super(cause);
    }
  }
}
