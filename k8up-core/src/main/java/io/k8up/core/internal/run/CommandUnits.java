package io.k8up.core.internal.run;

import com.google.common.util.concurrent.Futures;
import io.k8up.core.internal.command.CommandResult;
import io.k8up.core.internal.command.CommandStream;
import io.k8up.core.kube.KubeGateway;
import io.k8up.core.internal.run.OutcomeBook.UnitFacts;
import io.k8up.core.model.CommandTarget;
import io.k8up.core.plan.Subject;
import io.k8up.core.run.ExecutorOptions;
import io.k8up.core.run.OutcomeReason;
import io.k8up.core.run.OutcomeStatus;
import io.k8up.core.run.ProgressEvent;
import io.k8up.core.spi.RunId;
import io.k8up.core.sink.BackupSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Pods' backup commands: each streams on a worker thread of its own, since a stream blocks, while
 * the loop on the caller's thread starts them within the run's limits, looks at them every poll,
 * cuts off those over the unit timeout and settles them in the book.
 */
final class CommandUnits {

  private final KubeGateway gateway;
  private final BackupSink sink;
  private final RunId runId;
  private final ExecutorOptions options;
  private final Progress progress;
  private final List<CommandTarget> queued = new ArrayList<>();
  private final List<RunningCommand> running = new ArrayList<>();
  private OutcomeBook book;
  private ExecutorService workers;

  private final Clock clock;

  CommandUnits(KubeGateway gateway, BackupSink sink, RunId runId, ExecutorOptions options, Progress progress,
      Clock clock) {
    this.clock = clock;
    this.gateway = gateway;
    this.sink = sink;
    this.runId = runId;
    this.options = options;
    this.progress = progress;
  }

  void open(OutcomeBook book) {
    this.book = book;
  }

  void enqueue(CommandTarget command) {
    queued.add(command);
    progress.emitCommand(ProgressEvent.Type.QUEUED, command, "");
  }

  /** Whether no command waits or runs. */
  boolean isEmpty() {
    return queued.isEmpty() && running.isEmpty();
  }

  boolean hasRunning() {
    return !running.isEmpty();
  }

  int runningCount() {
    return running.size();
  }

  /** How many running commands match, for the per-namespace and per-node limits. */
  long count(Predicate<CommandTarget> which) {
    return running.stream().map(RunningCommand::command).filter(which).count();
  }

  /** The running commands. */
  List<CommandTarget> running() {
    return running.stream().map(RunningCommand::command).toList();
  }

  /** The waiting commands, in order; remove one to {@link #start} it. */
  Iterator<CommandTarget> queued() {
    return queued.iterator();
  }

  void start(CommandTarget command) {
    if (workers == null) {
      workers = Executors.newCachedThreadPool(daemonThreads());
    }
    CommandStream stream = new CommandStream(gateway, sink, command, runId);
    Future<CommandResult> result = workers.submit(stream::run);
    running.add(new RunningCommand(command, stream, result, clock.instant()));
    progress.emitCommand(ProgressEvent.Type.STARTED, command, "");
  }

  /** Settles the commands that ended, and cuts off those running longer than the unit timeout. */
  void observe() {
    for (Iterator<RunningCommand> it = running.iterator(); it.hasNext(); ) {
      RunningCommand command = it.next();
      if (command.result().isDone()) {
        it.remove();
        settle(command, resultOf(command));
      } else if (command.ran(clock.instant()).compareTo(options.unitTimeout()) >= 0) {
        command.stream().cancel();
        it.remove();
        settle(command, OutcomeStatus.FAILED, OutcomeReason.TIMED_OUT, "the backup command did not finish within "
            + options.unitTimeout() + "; it was cut off and nothing was kept. Raise the unit timeout, or make the"
            + " command faster");
      }
    }
  }

  /** Ends everything when the loop stops: running commands are cut off, queued ones never start. */
  void interruptAll() {
    for (RunningCommand command : running) {
      command.stream().cancel();
      settle(command, OutcomeStatus.NOT_RUN, OutcomeReason.INTERRUPTED,
          "the run was interrupted while the backup command streamed; it was cut off and nothing was kept."
              + " Run the backup again");
    }
    running.clear();
    for (CommandTarget command : queued) {
      book.settleCommand(subject(command), OutcomeStatus.NOT_RUN, OutcomeReason.INTERRUPTED,
          "the run was interrupted before the backup command started; run the backup again",
          facts(command, 0, Optional.empty()), Optional.empty());
    }
    queued.clear();
    if (workers != null) {
      workers.shutdownNow();
    }
  }

  private static CommandResult resultOf(RunningCommand command) {
    try {
      return Futures.getDone(command.result());
    } catch (ExecutionException e) {
      return new CommandResult(OutcomeStatus.FAILED, OutcomeReason.EXEC_FAILED,
          "streaming the backup command failed unexpectedly: " + e.getCause(), Optional.empty());
    }
  }

  private void settle(RunningCommand command, CommandResult result) {
    book.settleCommand(subject(command.command()), result.status(), result.reason(), result.message(),
        facts(command.command(), 1, Optional.of(command.ran(clock.instant()))), result.report());
    boolean ok = result.status() == OutcomeStatus.SUCCEEDED;
    progress.emitCommand(ok ? ProgressEvent.Type.SUCCEEDED : ProgressEvent.Type.FAILED, command.command(),
        ok ? "" : result.message());
  }

  // Cut off by the run: what the stream would have reported no longer matters.
  private void settle(RunningCommand command, OutcomeStatus status, OutcomeReason reason, String message) {
    settle(command, new CommandResult(status, reason, message, Optional.empty()));
  }

  private static Subject subject(CommandTarget command) {
    return Subject.pod(command.namespace(), command.name());
  }

  private static UnitFacts facts(CommandTarget command, int attempts, Optional<Duration> duration) {
    return new UnitFacts(Optional.empty(), Optional.empty(), command.node(), attempts, duration);
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "k8up-rwo-command-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** A command streaming on a worker thread. */
  private record RunningCommand(CommandTarget command, CommandStream stream, Future<CommandResult> result,
      Instant startedAt) {

    Duration ran(Instant now) {
      return Duration.between(startedAt, now);
    }
  }
}
