package io.k8up.core.internal.run;

import io.k8up.core.internal.run.OutcomeBook.UnitFacts;
import io.k8up.core.kube.KubeFailure;
import io.k8up.core.model.ClaimTarget;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The units that started, and how each ends: settled in the book, its objects deleted, a progress
 * event told; a stale one planned again and queued for its next attempt. The one place units end,
 * whatever their strategy.
 */
final class RunningUnits {

  private final List<UnitInFlight> running = new ArrayList<>();
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

  long count(Predicate<UnitInFlight> which) {
    return running.stream().filter(which).count();
  }

  /** A copy, for looking at each unit while some of them end. */
  List<UnitInFlight> all() {
    return List.copyOf(running);
  }

  /** Whether a delete was interrupted; the loop stops after the current round. */
  boolean interruptedInCleanup() {
    return interruptedInCleanup;
  }

  /** Counts {@code unit} as running: against the limits, and settled as interrupted if the run stops. */
  void watch(UnitInFlight unit) {
    running.add(unit);
  }

  /** The unit's first step is applied; {@code adopted} when its changes existed before the run made them. */
  void started(UnitInFlight unit, boolean adopted) {
    progress.emit(adopted ? ProgressEvent.Type.ADOPTED : ProgressEvent.Type.STARTED, unit.unit, unit.node, "");
  }

  /** The unit's pod is on {@code unit.node}; reported once per unit. */
  void placed(UnitInFlight unit) {
    unit.placedReported = true;
    progress.emit(ProgressEvent.Type.PLACED, unit.unit, unit.node, "");
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
  void finish(UnitInFlight unit, OutcomeStatus status, OutcomeReason reason, String message) {
    finish(unit, status, reason, message, Map.of());
  }

  /** The unit ended, its last step reporting {@code details}, such as what a restore restored. */
  void finish(UnitInFlight unit, OutcomeStatus status, OutcomeReason reason, String message,
      Map<String, String> details) {
    boolean keep = status == OutcomeStatus.FAILED && options.keepFailedUnits();
    if (!keep) {
      try {
        cleanup.deleteAll(unit.owned, unit.unit.id());
      } catch (InterruptedException e) {
        interruptedInCleanup = true;
      }
    }
    running.remove(unit);
    settle(unit, status, reason, message, details);
    progress.emit(status == OutcomeStatus.SUCCEEDED ? ProgressEvent.Type.SUCCEEDED : ProgressEvent.Type.FAILED,
        unit.unit, unit.node, status == OutcomeStatus.SUCCEEDED ? "" : message);
  }

  /**
   * The unit cannot succeed where it was placed: its claims are planned again from a fresh read,
   * unless {@code cause} says the fresh placement, being the same, would fail the same way.
   */
  void stale(UnitInFlight unit, String why, StaleCause cause) throws InterruptedException {
    cleanup.deleteAll(unit.owned, unit.unit.id());
    running.remove(unit);
    if (unit.unit.attempt() >= options.maxPlacementAttempts()) {
      settle(unit, OutcomeStatus.FAILED, OutcomeReason.PLACEMENT_STALE, why + "; gave up after "
          + unit.unit.attempt() + " attempts: check that the node exists and can take the pod, and that"
          + " the volume can be mounted there");
      progress.emit(ProgressEvent.Type.FAILED, unit.unit, unit.node, why);
      return;
    }
    progress.emit(ProgressEvent.Type.RETRIED, unit.unit, unit.node, why);
    replan(unit, why, cause);
  }

  /** Fails the unit if it ran past the unit timeout; {@code lastProblem}, a sentence or empty, ends the message. */
  void failIfOverdue(UnitInFlight unit, String lastProblem) {
    Duration ran = Duration.between(unit.started, clock.instant());
    if (ran.compareTo(options.unitTimeout()) >= 0) {
      finish(unit, OutcomeStatus.FAILED, OutcomeReason.TIMED_OUT, "the " + purpose.noun() + " did not finish within "
          + options.unitTimeout() + "; raise the unit timeout or look at the " + purpose.noun() + " pod"
          + (lastProblem.isEmpty() ? "" : ". " + lastProblem));
    }
  }

  /** A look failed: forbidden ends the unit, anything else may pass by the next look. */
  void lookFailed(UnitInFlight unit, KubeFailure e) {
    if (e.isForbidden()) {
      finish(unit, OutcomeStatus.FAILED, OutcomeReason.FORBIDDEN, e.getMessage());
    } else {
      failIfOverdue(unit, "The last look at it failed: " + e.getMessage());
    }
  }

  /** Ends every unit still running when the loop stops, by interruption or by an unexpected exception. */
  void interruptAll() {
    for (UnitInFlight unit : List.copyOf(running)) {
      try {
        cleanup.deleteAll(unit.owned, unit.unit.id());
      } catch (InterruptedException e) {
        interruptedInCleanup = true;
        Thread.interrupted();
      }
      settle(unit, OutcomeStatus.NOT_RUN, OutcomeReason.INTERRUPTED, "the run was interrupted while the "
          + purpose.noun() + " ran; " + unit.step().interruptedNote().orElse("its objects were deleted") + ", run the "
          + purpose.noun() + " again");
    }
    running.clear();
  }

  private void replan(UnitInFlight unit, String why, StaleCause cause) {
    Replanner.Replan again;
    try {
      again = replanner.replan(unit, why, book, clock.instant());
    } catch (SnapshotException e) {
      settle(unit, OutcomeStatus.FAILED, OutcomeReason.API_ERROR, why + "; re-planning failed: " + e.getMessage());
      return;
    }
    List<BackupUnit> next = new ArrayList<>();
    for (BackupUnit replanned : again.units()) {
      if (replanned.placement().equals(unit.unit.placement()) && !cause.retriesSamePlacement()) {
        // Waiting out the same refusal again would only repeat it.
        for (ClaimTarget target : replanned.targets()) {
          book.settle(Subject.claim(target.namespace(), target.name()), OutcomeStatus.FAILED,
              OutcomeReason.PLACEMENT_STALE, why + "; a fresh plan places the claim the same way"
                  + unit.node.map(node -> ", on node " + node).orElse("")
                  + ": make that node schedulable (uncordon it, free it, or tolerate its taints) or move the"
                  + " volume's workload, then run the " + purpose.noun() + " again", unit.facts(clock.instant()));
        }
        progress.emit(ProgressEvent.Type.FAILED, replanned, unit.node, why);
      } else {
        next.add(replanned);
      }
    }
    queue.enqueue(next, again.snapshot(), Optional.of(unit.firstStarted));
  }

  private void settle(UnitInFlight unit, OutcomeStatus status, OutcomeReason reason, String message) {
    settle(unit, status, reason, message, Map.of());
  }

  private void settle(UnitInFlight unit, OutcomeStatus status, OutcomeReason reason, String message,
      Map<String, String> details) {
    for (ClaimTarget target : unit.unit.targets()) {
      book.settle(Subject.claim(target.namespace(), target.name()), status, reason, message,
          unit.facts(clock.instant()), details);
    }
  }
}
