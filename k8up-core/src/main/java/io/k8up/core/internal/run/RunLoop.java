package io.k8up.core.internal.run;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.gson.JsonObject;
import io.k8up.core.internal.run.OutcomeBook.UnitFacts;
import io.k8up.core.kube.KubeFailure;
import io.k8up.core.kube.KubeGateway;
import io.k8up.core.kube.ListQuery;
import io.k8up.core.kube.RetryingGateway;
import io.k8up.core.model.CommandTarget;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.plan.Action;
import io.k8up.core.plan.BackupPlan;
import io.k8up.core.plan.BackupPlanner;
import io.k8up.core.plan.Decision;
import io.k8up.core.run.BackupReport;
import io.k8up.core.run.BackupUnits;
import io.k8up.core.run.ExecutorOptions;
import io.k8up.core.run.Outcome;
import io.k8up.core.run.OutcomeReason;
import io.k8up.core.run.OutcomeStatus;
import io.k8up.core.run.ProgressListener;
import io.k8up.core.run.SnapshotSource;
import io.k8up.core.sink.BackupSink;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.ResourceType;
import io.k8up.core.spi.RunId;
import io.k8up.core.spi.RunObjects;
import io.k8up.core.spi.VolumeAccessStrategy;
import io.k8up.core.spi.Workflow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Runs one plan: starts units within the limits, in {@link StartOrder}; looks at what they created every
 * poll interval, with one list per observed kind per namespace rather than requests per unit;
 * settles each unit as succeeded, failed or stale; re-plans stale ones; and deletes what it
 * created, also when interrupted. Single-threaded: every decision is made on the caller's thread,
 * in order.
 *
 * <p>Every unit runs its strategy's {@link Workflow} through the one {@link UnitRunner}; how units
 * end is in {@link RunningUnits}. Every call goes through the {@link KubeGateway}.
 */
public final class RunLoop {

  private final KubeGateway gateway;
  private final Clock clock;
  private final RetryingGateway.Sleeper pause;
  private final ImmutableMap<String, VolumeAccessStrategy> strategies;
  private final ExecutorOptions options;
  private final RunId runId;
  private final Progress progress;
  private final ObjectCleanup cleanup;
  private final UnitReplanner replanner;
  private final Purpose purpose;
  private final UnitQueue queue;
  private final BackupSink sink;

  // Made per run: the book needs the plan, and whatever settles units needs the book.
  private OutcomeBook book;
  private RunningUnits running;
  private UnitRunner runner;
  private CommandRunner commands;

  /**
   * A loop that makes every call through {@code gateway}, reads the time from {@code clock} and
   * waits between polls through {@code pause}: tests give a fake clock that the pause advances.
   */
  public RunLoop(KubeGateway gateway, Clock clock, RetryingGateway.Sleeper pause, BackupPlanner planner,
      ExecutorOptions options, BackupToolSpec tool, BackupSink sink, RunId runId, SnapshotSource snapshots,
      ProgressListener listener) {
    this(gateway, clock, pause, planner.strategies(),
        new Replanner(planner, snapshots, planner.strategies(), options.grouping()), Purpose.BACKUP, options, tool,
        sink, runId, listener);
  }

  /**
   * A loop whose units do {@code purpose}, with {@code strategies} building their workflows and
   * {@code replanner} planning stale ones again.
   */
  RunLoop(KubeGateway gateway, Clock clock, RetryingGateway.Sleeper pause,
      Collection<? extends VolumeAccessStrategy> strategies, UnitReplanner replanner, Purpose purpose,
      ExecutorOptions options, BackupToolSpec tool, BackupSink sink, RunId runId, ProgressListener listener) {
    this.gateway = gateway;
    this.clock = clock;
    this.pause = pause;
    this.strategies = strategies.stream()
        .collect(ImmutableMap.toImmutableMap(VolumeAccessStrategy::id, strategy -> strategy));
    this.options = options;
    this.runId = runId;
    this.progress = new Progress(listener);
    this.cleanup = new ObjectCleanup(gateway, runId);
    this.replanner = replanner;
    this.purpose = purpose;
    this.queue = new UnitQueue(runId, tool, progress);
    this.sink = sink;
  }

  /** Runs {@code plan}, made from {@code snapshot}, to the end; once per instance. */
  public BackupReport run(BackupPlan plan, ClusterSnapshot snapshot) {
    return run(plan.decisions(), snapshot);
  }

  /** Runs {@code decisions}, made from {@code snapshot}, to the end; once per instance. */
  BackupReport run(List<Decision> decisions, ClusterSnapshot snapshot) {
    Instant begin = clock.instant();
    long requestsBefore = gateway.requestCount();
    open(new OutcomeBook(decisions));
    queueUnits(decisions, snapshot);
    boolean interrupted = false;
    try {
      adoptExisting();
      while (!queue.isEmpty() || !running.isEmpty()) {
        startWhatFits();
        if (!running.isEmpty()) {
          pause.sleep(options.pollInterval());
          observe();
        }
        if (running.interruptedInCleanup()) {
          throw new InterruptedException();
        }
      }
    } catch (InterruptedException e) {
      interrupted = true;
    } finally {
      // Cleanup must reach the API server even when the thread was interrupted.
      interrupted |= Thread.interrupted();
      running.interruptAll();
      commands.close();
      if (interrupted || running.interruptedInCleanup()) {
        Thread.currentThread().interrupt();
      }
    }
    return report(snapshot, begin, requestsBefore, interrupted || running.interruptedInCleanup());
  }

  private void open(OutcomeBook book) {
    this.book = book;
    this.running = new RunningUnits(book, queue, replanner, cleanup, progress, options, clock, purpose);
    UnitTransitions transitions = new UnitTransitions(options.unschedulableTimeout(), options.unitTimeout(), purpose);
    this.runner = new UnitRunner(gateway, running, runId, transitions, clock, purpose, options.pageSize());
    this.commands = new CommandRunner(gateway, sink, runId, running, transitions, clock);
  }

  private BackupReport report(ClusterSnapshot snapshot, Instant begin, long requestsBefore, boolean cutShort) {
    ImmutableList<Outcome> outcomes = book.outcomes();
    // One event per subject, once its outcome is final; an interrupted run ends without them.
    List<String> eventFailures = options.recordEvents() && !cutShort
        ? new EventRecorder(gateway, runId, clock).record(outcomes, snapshot) : List.of();
    return BackupReport.builder()
        .runId(runId)
        .outcomes(outcomes)
        .apiRequests(gateway.requestCount() - requestsBefore)
        .duration(Duration.between(begin, clock.instant()))
        .interrupted(cutShort)
        .leftovers(cleanup.leftovers())
        .eventFailures(eventFailures)
        .build();
  }

  private void queueUnits(List<Decision> decisions, ClusterSnapshot snapshot) {
    List<Decision> runnable = new ArrayList<>();
    for (Decision decision : decisions) {
      if (decision.action() != Action.BACKUP) {
        book.decided(decision, OutcomeReason.PLANNED, decision.message());
      } else if (decision.commandTarget().isPresent()) {
        queue.enqueue(decision.commandTarget().get());
      } else if (decision.strategy().isEmpty()) {
        book.settle(decision.subject(), OutcomeStatus.FAILED, OutcomeReason.NO_STRATEGY,
            "no volume-access strategy was chosen for the claim; configure the planner's strategies",
            UnitFacts.notStarted(Optional.empty()));
      } else {
        runnable.add(decision);
      }
    }
    queue.enqueue(BackupUnits.of(runnable, options.grouping(), strategies.values()), snapshot, Optional.empty());
  }

  // A process of the same run that died left objects behind: take them over instead of doubling them.
  private void adoptExisting() throws InterruptedException {
    Map<String, Set<ResourceType>> kindsByNamespace = new LinkedHashMap<>();
    queue.forEach(queued -> Optional.ofNullable(strategies.get(queued.unit().strategyId())).ifPresent(strategy ->
        kindsByNamespace.computeIfAbsent(queued.unit().namespace(), ns -> new LinkedHashSet<>())
            .addAll(strategy.createdKinds())));
    for (Map.Entry<String, Set<ResourceType>> entry : kindsByNamespace.entrySet()) {
      Map<String, List<OwnedObject>> byUnit = new LinkedHashMap<>();
      Map<String, Integer> attempts = new LinkedHashMap<>();
      for (ResourceType kind : entry.getValue()) {
        List<JsonObject> objects;
        try {
          objects = gateway.list(kind, ListQuery.in(entry.getKey()).withLabels(RunObjects.selector(runId))
              .withPageSize(options.pageSize()));
        } catch (KubeFailure e) {
          if (e.isForbidden()) {
            failQueued(entry.getKey(), e);
          }
          continue;
        }
        for (JsonObject object : objects) {
          Map<String, String> labels = ObjectLabels.of(object);
          String unitId = labels.get(K8upAnnotations.UNIT_LABEL);
          Optional<String> name = ObjectLabels.metadata(object, "name");
          if (unitId == null || name.isEmpty() || ObjectLabels.metadata(object, "deletionTimestamp").isPresent()) {
            continue;
          }
          int attempt = parseAttempt(labels.get(K8upAnnotations.ATTEMPT_LABEL));
          if (attempt > attempts.getOrDefault(unitId, 0)) {
            // A later attempt's objects are the unit's; an earlier attempt's, whatever is left, cleanup's.
            attempts.put(unitId, attempt);
            byUnit.put(unitId, new ArrayList<>());
          }
          if (attempt == attempts.get(unitId)) {
            byUnit.get(unitId).add(new OwnedObject(kind, entry.getKey(), name.get(), Optional.of(object)));
          }
        }
      }
      adopt(entry.getKey(), byUnit, attempts);
    }
  }

  private void adopt(String namespace, Map<String, List<OwnedObject>> byUnit, Map<String, Integer> attempts)
      throws InterruptedException {
    for (Iterator<QueuedUnit> it = queue.iterator(); it.hasNext(); ) {
      QueuedUnit queued = it.next();
      String unitId = queued.unit().id();
      if (!queued.unit().namespace().equals(namespace) || !byUnit.containsKey(unitId)) {
        continue;
      }
      QueuedUnit again = new QueuedUnit(queued.unit().withAttempt(attempts.get(unitId)), queued.context(),
          queued.size(), queued.firstStart());
      it.remove();
      Optional<Started> started = workflow(again);
      if (started.isPresent()) {
        runner.start(UnitState.start(again, started.get().strategy(), started.get().workflow(), clock.instant(),
            StartDecision.plannedSlot(again).orElseGet(() -> NodeSlot.scheduled(ImmutableSet.of())), byUnit.get(unitId)));
      }
    }
  }

  private static int parseAttempt(String label) {
    try {
      return label == null ? 1 : Math.max(1, Integer.parseInt(label));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  // What starts is decided at once (StartDecision), then started in order.
  private void startWhatFits() throws InterruptedException {
    List<QueuedUnit> waiting = new ArrayList<>();
    queue.forEach(waiting::add);
    StartDecision.Starts starts = StartDecision.decide(waiting, queue.commands(), running.all(), options);
    for (StartDecision.Start start : starts.claimUnits()) {
      queue.remove(start.unit());
      start(start.unit(), start.slot());
    }
    for (CommandTarget command : starts.commands()) {
      queue.remove(command);
      commands.start(command);
    }
  }

  private void start(QueuedUnit queued, NodeSlot slot) throws InterruptedException {
    Optional<Started> started = workflow(queued);
    if (started.isPresent()) {
      runner.start(UnitState.start(queued, started.get().strategy(), started.get().workflow(), clock.instant(), slot,
          List.of()));
    }
  }

  private record Started(VolumeAccessStrategy strategy, Workflow workflow) {}

  // Plug-in code: a throw or a null fails this unit's claims, never the run.
  private Optional<Started> workflow(QueuedUnit queued) {
    BackupUnit unit = queued.unit();
    VolumeAccessStrategy strategy = strategies.get(unit.strategyId());
    try {
      if (strategy == null) {
        throw new IllegalStateException("the strategy is not among the planner's strategies");
      }
      Workflow workflow = Objects.requireNonNull(strategy.workflow(unit, queued.context()), "it returned nothing");
      return Optional.of(new Started(strategy, workflow));
    } catch (RuntimeException e) {
      running.notStarted(queued, OutcomeReason.MATERIALIZE_FAILED,
          "strategy " + unit.strategyId() + " could not build the " + purpose.noun() + "'s objects: " + e.getMessage());
      return Optional.empty();
    }
  }

  private void observe() throws InterruptedException {
    runner.observe(running.claimUnits());
    commands.observe(running.commands());
  }

  private void failQueued(String namespace, KubeFailure e) {
    for (Iterator<QueuedUnit> it = queue.iterator(); it.hasNext(); ) {
      QueuedUnit queued = it.next();
      if (queued.unit().namespace().equals(namespace)) {
        it.remove();
        running.notStarted(queued, OutcomeReason.FORBIDDEN, e.getMessage());
      }
    }
  }
}
