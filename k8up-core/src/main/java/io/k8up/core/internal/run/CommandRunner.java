package io.k8up.core.internal.run;

import com.google.common.util.concurrent.Futures;
import io.k8up.core.internal.command.CommandResult;
import io.k8up.core.internal.command.CommandStream;
import io.k8up.core.kube.KubeGateway;
import io.k8up.core.model.CommandTarget;
import io.k8up.core.run.OutcomeReason;
import io.k8up.core.run.OutcomeStatus;
import io.k8up.core.sink.BackupSink;
import io.k8up.core.spi.RunId;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The I/O around backup-command units: starts each command's stream on a worker thread of its own,
 * since a stream blocks, and at each look does what {@link UnitTransitions} decide of it; how it
 * ends is {@link RunningUnits}', as for claim units.
 */
final class CommandRunner implements AutoCloseable {

  private final KubeGateway gateway;
  private final BackupSink sink;
  private final RunId runId;
  private final RunningUnits units;
  private final UnitTransitions transitions;
  private final Clock clock;
  private ExecutorService workers;

  CommandRunner(KubeGateway gateway, BackupSink sink, RunId runId, RunningUnits units, UnitTransitions transitions,
      Clock clock) {
    this.gateway = gateway;
    this.sink = sink;
    this.runId = runId;
    this.units = units;
    this.transitions = transitions;
    this.clock = clock;
  }

  /** Starts streaming {@code command}. */
  void start(CommandTarget command) {
    if (workers == null) {
      workers = Executors.newCachedThreadPool(daemonThreads());
    }
    CommandStream stream = new CommandStream(gateway, sink, command, runId);
    Future<CommandResult> result = workers.submit(stream::run);
    units.startedCommand(new CommandState(command, stream, result, clock.instant()));
  }

  /** Looks at {@code running}: those that ended, or ran past the unit timeout and are cut off, end. */
  void observe(List<CommandState> running) {
    for (CommandState command : running) {
      Optional<CommandResult> finished = command.result().isDone()
          ? Optional.of(resultOf(command.result())) : Optional.empty();
      Optional<CommandResult> end = transitions.afterLook(command, finished, clock.instant());
      if (end.isPresent()) {
        if (finished.isEmpty()) {
          command.stream().cancel();
        }
        units.finishCommand(command, end.get());
      }
    }
  }

  /** Stops the worker threads; a command still streaming is cut off by its unit's end, before. */
  @Override
  public void close() {
    if (workers != null) {
      workers.shutdownNow();
    }
  }

  private static CommandResult resultOf(Future<CommandResult> result) {
    try {
      return Futures.getDone(result);
    } catch (ExecutionException e) {
      return new CommandResult(OutcomeStatus.FAILED, OutcomeReason.EXEC_FAILED,
          "streaming the backup command failed unexpectedly: " + e.getCause(), Optional.empty());
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "k8up-rwo-command-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
