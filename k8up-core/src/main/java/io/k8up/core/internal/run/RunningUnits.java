package io.k8up.core.internal.run;

import io.k8up.core.internal.run.OutcomeBook.UnitFacts;
import io.k8up.core.internal.command.CommandResult;
import io.k8up.core.kube.KubeFailure;
import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.CommandTarget;
import io.k8up.core.plan.Subject;
import io.k8up.core.run.ExecutorOptions;
import io.k8up.core.run.OutcomeReason;
import io.k8up.core.run.OutcomeStatus;
import io.k8up.core.run.ProgressEvent;
import io.k8up.core.snapshot.SnapshotException;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.StaleCause;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The units that started, of both kinds, and how each ends: settled in the book, its objects
 * deleted (or its stream cut off), a progress event told; a stale one planned again and queued for
 * its next attempt. The one place units end, whatever their kind or strategy.
 */
final class RunningUnits {

  // By key, in start order; each the unit's current state.
  private final Map<String, Running> running = new LinkedHashMap<>();
  private final OutcomeBook book;
  private final UnitQueue queue;
  private final UnitReplanner replanner;
  private final ObjectCleanup cleanup;
  private final Progress progress;
  private final ExecutorOptions options;
  private final Clock clock;
  private final Purpose purpose;
  private boolean interruptedInCleanup;

  RunningUnits(OutcomeBook book, UnitQueue queue, UnitReplanner replanner, ObjectCleanup cleanup, Progress progress,
      ExecutorOptions options, Clock clock, Purpose purpose) {
    this.book = book;
    this.queue = queue;
    this.replanner = replanner;
    this.cleanup = cleanup;
    this.progress = progress;
    this.options = options;
    this.clock = clock;
    this.purpose = purpose;
  }

  /** The reason a refused request gives a unit. */
  static OutcomeReason apiFailure(KubeFailure e) {
    return e.isForbidden() ? OutcomeReason.FORBIDDEN : OutcomeReason.API_ERROR;
  }

  boolean isEmpty() {
    return running.isEmpty();
  }

  int size() {
    return running.size();
  }

  /** How many running units of either kind match, for the limits. */
  long count(Predicate<Running> which) {
    return running.values().stream().filter(which).count();
  }

  /** Every running unit of either kind, for the limits. */
  List<Running> all() {
    return List.copyOf(running.values());
  }

  /** The claim units, a copy, for looking at each while some of them end. */
  List<UnitState> claimUnits() {
    return running.values().stream().filter(UnitState.class::isInstance).map(UnitState.class::cast).toList();
  }

  /** The backup commands, a copy. */
  List<CommandState> commands() {
    return running.values().stream().filter(CommandState.class::isInstance).map(CommandState.class::cast).toList();
  }

  /** Whether a delete was interrupted; the loop stops after the current round. */
  boolean interruptedInCleanup() {
    return interruptedInCleanup;
  }

  /**
   * Keeps {@code unit} as its unit's current state: counted against the limits, and settled as
   * interrupted if the run stops.
   */
  void update(UnitState unit) {
    running.put(unit.key(), unit);
  }

  /** A backup command started streaming. */
  void startedCommand(CommandState command) {
    running.put(command.key(), command);
    progress.emitCommand(ProgressEvent.Type.STARTED, command.command(), "");
  }

  /** A backup command ended as {@code result} says; a stream that did not end well kept nothing. */
  void finishCommand(CommandState command, CommandResult result) {
    running.remove(command.key());
    book.settleCommand(subject(command.command()), result.status(), result.reason(), result.message(),
        commandFacts(command.command(), 1, Optional.of(command.ran(clock.instant()))), result.report());
    boolean ok = result.status() == OutcomeStatus.SUCCEEDED;
    progress.emitCommand(ok ? ProgressEvent.Type.SUCCEEDED : ProgressEvent.Type.FAILED, command.command(),
        ok ? "" : result.message());
  }

  /** The unit's first step is applied; {@code adopted} when its changes existed before the run made them. */
  void started(UnitState unit, boolean adopted) {
    progress.emit(adopted ? ProgressEvent.Type.ADOPTED : ProgressEvent.Type.STARTED, unit.unit(), unit.node(), "");
  }

  /** The unit's pod is on the node its state names; told once per unit. */
  void placed(UnitState unit) {
    progress.emit(ProgressEvent.Type.PLACED, unit.unit(), unit.node(), "");
  }

  /** The unit never ran: its strategy could not build its workflow. */
  void notStarted(QueuedUnit queued, OutcomeReason reason, String message) {
    UnitFacts facts = new UnitFacts(Optional.of(queued.unit().strategyId()), Optional.of(queued.unit().id()),
        Optional.empty(), queued.unit().attempt(),
        queued.firstStart().map(first -> Duration.between(first, clock.instant())));
    for (ClaimTarget target : queued.unit().targets()) {
      book.settle(Subject.claim(target.namespace(), target.name()), OutcomeStatus.FAILED, reason, message, facts);
    }
    progress.emit(ProgressEvent.Type.FAILED, queued.unit(), Optional.empty(), message);
  }

  /** The unit ended; its objects are deleted unless failed units are kept. */
  void finish(UnitState unit, OutcomeStatus status, OutcomeReason reason, String message) {
    finish(unit, status, reason, message, Map.of());
  }

  /** The unit ended, its last step reporting {@code details}, such as what a restore restored. */
  void finish(UnitState unit, OutcomeStatus status, OutcomeReason reason, String message,
      Map<String, String> details) {
    boolean keep = status == OutcomeStatus.FAILED && options.keepFailedUnits();
    if (!keep) {
      try {
        cleanup.deleteAll(unit.owned(), unit.unit().id());
      } catch (InterruptedException e) {
        interruptedInCleanup = true;
      }
    }
    running.remove(unit.key());
    settle(unit, status, reason, message, details);
    progress.emit(status == OutcomeStatus.SUCCEEDED ? ProgressEvent.Type.SUCCEEDED : ProgressEvent.Type.FAILED,
        unit.unit(), unit.node(), status == OutcomeStatus.SUCCEEDED ? "" : message);
  }

  /**
   * The unit cannot succeed where it was placed: its claims are planned again from a fresh read,
   * unless {@code cause} says the fresh placement, being the same, would fail the same way.
   */
  void stale(UnitState unit, String why, StaleCause cause) throws InterruptedException {
    cleanup.deleteAll(unit.owned(), unit.unit().id());
    running.remove(unit.key());
    if (unit.unit().attempt() >= options.maxPlacementAttempts()) {
      settle(unit, OutcomeStatus.FAILED, OutcomeReason.PLACEMENT_STALE, why + "; gave up after "
          + unit.unit().attempt() + " attempts: check that the node exists and can take the pod, and that"
          + " the volume can be mounted there");
      progress.emit(ProgressEvent.Type.FAILED, unit.unit(), unit.node(), why);
      return;
    }
    progress.emit(ProgressEvent.Type.RETRIED, unit.unit(), unit.node(), why);
    replan(unit, why, cause);
  }

  /**
   * Ends every unit still running or queued when the loop stops, by interruption or by an
   * unexpected exception: running claim units' objects are deleted, running commands cut off.
   */
  void interruptAll() {
    for (Running unit : List.copyOf(running.values())) {
      if (unit instanceof CommandState command) {
        command.stream().cancel();
        finishCommand(command, new CommandResult(OutcomeStatus.NOT_RUN, OutcomeReason.INTERRUPTED, "the run was"
            + " interrupted while the backup command streamed; it was cut off and nothing was kept. Run the backup"
            + " again", Optional.empty()));
      } else if (unit instanceof UnitState claims) {
        try {
          cleanup.deleteAll(claims.owned(), claims.key());
        } catch (InterruptedException e) {
          interruptedInCleanup = true;
          Thread.interrupted();
        }
        settle(claims, OutcomeStatus.NOT_RUN, OutcomeReason.INTERRUPTED, "the run was interrupted while the "
            + purpose.noun() + " ran; " + claims.step().interruptedNote().orElse("its objects were deleted")
            + ", run the " + purpose.noun() + " again");
      }
    }
    running.clear();
    for (QueuedUnit queued : queue) {
      for (ClaimTarget target : queued.unit().targets()) {
        book.settle(Subject.claim(target.namespace(), target.name()), OutcomeStatus.NOT_RUN,
            OutcomeReason.INTERRUPTED, "the run was interrupted before the " + purpose.noun() + " started; run it again",
            UnitFacts.notStarted(Optional.of(queued.unit().strategyId())));
      }
    }
    queue.clear(command -> book.settleCommand(subject(command), OutcomeStatus.NOT_RUN, OutcomeReason.INTERRUPTED,
        "the run was interrupted before the backup command started; run the backup again",
        commandFacts(command, 0, Optional.empty()), Optional.empty()));
  }

  private void replan(UnitState unit, String why, StaleCause cause) {
    Replanner.Replan again;
    try {
      again = replanner.replan(unit, why, book, clock.instant());
    } catch (SnapshotException e) {
      settle(unit, OutcomeStatus.FAILED, OutcomeReason.API_ERROR, why + "; re-planning failed: " + e.getMessage());
      return;
    }
    List<BackupUnit> next = new ArrayList<>();
    for (BackupUnit replanned : again.units()) {
      // Waiting out the same refusal again would only repeat it; unless the run itself kept the pod
      // off the nodes that were full then, whose next attempt is kept off those full now.
      if (replanned.placement().equals(unit.unit().placement()) && !cause.retriesSamePlacement()
          && unit.planned().excluded().isEmpty()) {
        for (ClaimTarget target : replanned.targets()) {
          book.settle(Subject.claim(target.namespace(), target.name()), OutcomeStatus.FAILED,
              OutcomeReason.PLACEMENT_STALE, why + "; a fresh plan places the claim the same way"
                  + unit.node().map(node -> ", on node " + node).orElse("")
                  + ": make that node schedulable (uncordon it, free it, or tolerate its taints) or move the"
                  + " volume's workload, then run the " + purpose.noun() + " again", unit.facts(clock.instant()));
        }
        // Told as the attempt that failed, as the outcome counts it.
        progress.emit(ProgressEvent.Type.FAILED, replanned.withAttempt(unit.unit().attempt()), unit.node(), why);
      } else {
        next.add(replanned);
      }
    }
    queue.enqueue(next, again.snapshot(), Optional.of(unit.firstStarted()));
  }

  private static Subject subject(CommandTarget command) {
    return Subject.pod(command.namespace(), command.name());
  }

  private static UnitFacts commandFacts(CommandTarget command, int attempts, Optional<Duration> duration) {
    return new UnitFacts(Optional.empty(), Optional.empty(), command.node(), attempts, duration);
  }


  private void settle(UnitState unit, OutcomeStatus status, OutcomeReason reason, String message) {
    settle(unit, status, reason, message, Map.of());
  }

  private void settle(UnitState unit, OutcomeStatus status, OutcomeReason reason, String message,
      Map<String, String> details) {
    for (ClaimTarget target : unit.unit().targets()) {
      book.settle(Subject.claim(target.namespace(), target.name()), status, reason, message,
          unit.facts(clock.instant()), details);
    }
  }
}
