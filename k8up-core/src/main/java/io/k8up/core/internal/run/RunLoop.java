package io.k8up.core.internal.run;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import io.k8up.core.kube.ClientJavaGateway;
import io.k8up.core.internal.run.OutcomeBook.UnitFacts;
import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.CommandTarget;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.plan.Action;
import io.k8up.core.plan.BackupPlan;
import io.k8up.core.plan.BackupPlanner;
import io.k8up.core.plan.Decision;
import io.k8up.core.plan.Subject;
import io.k8up.core.run.BackupReport;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.run.BackupUnits;
import io.k8up.core.run.ExecutorOptions;
import io.k8up.core.run.Outcome;
import io.k8up.core.run.OutcomeReason;
import io.k8up.core.run.OutcomeStatus;
import io.k8up.core.run.ProgressListener;
import io.k8up.core.spi.RunId;
import io.k8up.core.spi.RunObjects;
import io.k8up.core.run.SnapshotSource;
import io.k8up.core.sink.BackupSink;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.EphemeralContainerMaterialization;
import io.k8up.core.spi.JobMaterialization;
import io.k8up.core.spi.Materialization;
import io.k8up.core.spi.SnapshotMaterialization;
import io.k8up.core.spi.VolumeAccessStrategy;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1Job;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Runs one plan: starts units within the limits, largest first; looks at what it created every
 * poll interval, with two list requests per namespace rather than requests per unit; settles each
 * unit as succeeded, failed or stale; re-plans stale ones; and deletes what it created, also when
 * interrupted. Single-threaded: every decision is made on the caller's thread, in order.
 *
 * <p>What each kind of unit does on the cluster is in {@link JobUnits}, {@link EphemeralUnits} and
 * {@link SnapshotUnits}; how units end is in {@link RunningUnits}, to which they report.
 */
public final class RunLoop {

  private final ClusterOperations cluster;
  private final ApiCalls calls;
  private final ImmutableMap<String, VolumeAccessStrategy> strategies;
  private final ExecutorOptions options;
  private final RunId runId;
  private final Progress progress;
  private final ObjectCleanup cleanup;
  private final Replanner replanner;
  private final UnitQueue queue;
  private final CommandUnits commands;

  // Made per run: the book needs the plan, and whatever settles units needs the book.
  private OutcomeBook book;
  private RunningUnits running;
  private JobUnits jobUnits;
  private EphemeralUnits ephemeralUnits;
  private SnapshotUnits snapshotUnits;

  public RunLoop(ApiClient client, BackupPlanner planner, ExecutorOptions options, BackupToolSpec tool,
      BackupSink sink, RunId runId, SnapshotSource snapshots, ProgressListener listener) {
    this.calls = new ApiCalls(options);
    this.cluster = new ClusterOperations(client, calls);
    this.strategies = planner.strategies().stream()
        .collect(ImmutableMap.toImmutableMap(VolumeAccessStrategy::id, strategy -> strategy));
    this.options = options;
    this.runId = runId;
    this.progress = new Progress(listener);
    this.cleanup = new ObjectCleanup(cluster);
    this.replanner = new Replanner(planner, snapshots, strategies.values(), options.grouping());
    this.queue = new UnitQueue(runId, tool, progress);
    this.commands = new CommandUnits(ClientJavaGateway.of(client), sink, runId, options, progress);
  }

  /** Runs {@code plan}, made from {@code snapshot}, to the end; once per instance. */
  public BackupReport run(BackupPlan plan, ClusterSnapshot snapshot) {
    long begin = System.nanoTime();
    open(new OutcomeBook(plan.decisions()));
    queueUnits(plan, snapshot);
    boolean interrupted = false;
    try {
      adoptExisting();
      while (!queue.isEmpty() || !running.isEmpty() || !commands.isEmpty()) {
        startWhatFits();
        if (!running.isEmpty() || commands.hasRunning()) {
          Thread.sleep(options.pollInterval().toMillis());
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
      settleUnfinished();
      if (interrupted || running.interruptedInCleanup()) {
        Thread.currentThread().interrupt();
      }
    }
    return report(snapshot, begin, interrupted || running.interruptedInCleanup());
  }

  private void open(OutcomeBook book) {
    this.book = book;
    this.running = new RunningUnits(book, queue, replanner, cleanup, progress, options);
    this.jobUnits = new JobUnits(cluster, cleanup, running, runId, options);
    this.ephemeralUnits = new EphemeralUnits(cluster, running);
    this.snapshotUnits = new SnapshotUnits(cluster, running);
    commands.open(book);
  }

  private BackupReport report(ClusterSnapshot snapshot, long begin, boolean cutShort) {
    ImmutableList<Outcome> outcomes = book.outcomes();
    // One event per subject, once its outcome is final; an interrupted run ends without them.
    List<String> eventFailures = options.recordEvents() && !cutShort
        ? new EventRecorder(cluster, runId, Clock.systemUTC()).record(outcomes, snapshot) : List.of();
    return BackupReport.builder()
        .runId(runId)
        .outcomes(outcomes)
        .apiRequests(calls.requestCount())
        .duration(Duration.ofNanos(System.nanoTime() - begin))
        .interrupted(cutShort)
        .leftovers(cleanup.leftovers())
        .eventFailures(eventFailures)
        .build();
  }

  private void queueUnits(BackupPlan plan, ClusterSnapshot snapshot) {
    List<Decision> runnable = new ArrayList<>();
    for (Decision decision : plan.decisions()) {
      if (decision.action() != Action.BACKUP) {
        book.decided(decision, OutcomeReason.PLANNED, decision.message());
      } else if (decision.commandTarget().isPresent()) {
        commands.enqueue(decision.commandTarget().get());
      } else if (decision.strategy().isEmpty()) {
        book.settle(decision.subject(), OutcomeStatus.FAILED, OutcomeReason.NO_STRATEGY,
            "no volume-access strategy was chosen for the claim; configure the planner's strategies",
            noUnit(Optional.empty()));
      } else {
        runnable.add(decision);
      }
    }
    queue.enqueue(BackupUnits.of(runnable, options.grouping(), strategies.values()), snapshot, OptionalLong.empty());
  }

  // A process of the same run that died left Jobs behind: take them over instead of doubling them.
  private void adoptExisting() throws InterruptedException {
    Set<String> namespaces = new LinkedHashSet<>();
    queue.forEach(queued -> namespaces.add(queued.unit().namespace()));
    for (String namespace : namespaces) {
      List<V1Job> jobs;
      try {
        jobs = cluster.jobs(namespace, RunObjects.selector(runId));
      } catch (ApiCallException e) {
        if (e.isForbidden()) {
          failQueued(namespace, e);
        }
        continue;
      }
      for (V1Job job : jobs) {
        adopt(namespace, job);
      }
    }
  }

  private void adopt(String namespace, V1Job job) {
    if (job.getMetadata() == null || job.getMetadata().getDeletionTimestamp() != null
        || job.getMetadata().getLabels() == null) {
      return;
    }
    Map<String, String> labels = job.getMetadata().getLabels();
    String unitId = labels.get(K8upAnnotations.UNIT_LABEL);
    int attempt = parseAttempt(labels.get(K8upAnnotations.ATTEMPT_LABEL));
    for (Iterator<QueuedUnit> it = queue.iterator(); it.hasNext(); ) {
      QueuedUnit queued = it.next();
      if (!queued.unit().namespace().equals(namespace) || !queued.unit().id().equals(unitId)) {
        continue;
      }
      QueuedUnit again = new QueuedUnit(queued.unit().withAttempt(attempt), queued.context(),
          queued.size(), queued.firstStart());
      Optional<Materialization> materialization = materialize(again);
      it.remove();
      materialization.ifPresent(objects -> {
        UnitInFlight unit = new UnitInFlight(again, objects, System.nanoTime(), plannedSlot(again)
            .orElseGet(() -> NodeSlot.scheduled(ImmutableSet.of())), false);
        unit.jobCreated = true;
        running.watch(unit);
        running.started(unit, true);
      });
      return;
    }
  }

  private static int parseAttempt(String label) {
    try {
      return label == null ? 1 : Math.max(1, Integer.parseInt(label));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  // Claims' units first, largest first; pods' backup commands take the slots left.
  private void startWhatFits() throws InterruptedException {
    for (Iterator<QueuedUnit> it = queue.iterator(); it.hasNext() && hasRoom(); ) {
      QueuedUnit queued = it.next();
      Optional<NodeSlot> slot = fitsNamespace(queued.unit().namespace()) ? slotIfFits(queued) : Optional.empty();
      if (slot.isPresent()) {
        it.remove();
        start(queued, slot.get());
      }
    }
    for (Iterator<CommandTarget> it = commands.queued(); it.hasNext() && hasRoom(); ) {
      CommandTarget command = it.next();
      if (fitsNamespace(command.namespace()) && command.node().map(nodeLoad()::fitsPinned).orElse(true)) {
        it.remove();
        commands.start(command);
      }
    }
  }

  private boolean hasRoom() {
    return running.size() + commands.runningCount() < options.maxConcurrent();
  }

  private boolean fitsNamespace(String namespace) {
    long inNamespace = running.count(other -> other.namespace().equals(namespace))
        + commands.count(command -> command.namespace().equals(namespace));
    return inNamespace < options.maxPerNamespace().orElse(Integer.MAX_VALUE);
  }

  // A pinned unit starts where its node has room; a scheduled one, kept off the nodes that have none.
  private Optional<NodeSlot> slotIfFits(QueuedUnit queued) {
    NodeLoad load = nodeLoad();
    Optional<NodeSlot> pinned = plannedSlot(queued);
    if (pinned.isPresent()) {
      return pinned.filter(slot -> load.fitsPinned(slot.pinned().orElseThrow()));
    }
    return load.exclusionsForScheduled().map(NodeSlot::scheduled);
  }

  private static Optional<NodeSlot> plannedSlot(QueuedUnit queued) {
    return NodeKeys.of(queued.unit().placement(), queued.context().snapshot()).map(NodeSlot::pinned);
  }

  private NodeLoad nodeLoad() {
    List<NodeSlot> slots = new ArrayList<>();
    running.all().forEach(unit -> slots.add(unit.slot()));
    commands.running().forEach(command -> command.node().ifPresent(node -> slots.add(NodeSlot.pinned(node))));
    return NodeLoad.of(slots, options.maxPerNode());
  }

  private void start(QueuedUnit queued, NodeSlot slot) throws InterruptedException {
    Optional<Materialization> materialized = materialize(queued);
    if (materialized.isEmpty()) {
      return;
    }
    if (materialized.get() instanceof EphemeralContainerMaterialization container) {
      ephemeralUnits.start(queued, container, slot);
    } else if (materialized.get() instanceof SnapshotMaterialization snapshot) {
      snapshotUnits.start(queued, snapshot, slot);
    } else {
      jobUnits.start(queued, (JobMaterialization) materialized.get(), slot);
    }
  }

  private Optional<Materialization> materialize(QueuedUnit queued) {
    BackupUnit unit = queued.unit();
    VolumeAccessStrategy strategy = strategies.get(unit.strategyId());
    try {
      if (strategy == null) {
        throw new IllegalStateException("the strategy is not among the planner's strategies");
      }
      return Optional.of(strategy.materialize(unit, queued.context()));
    } catch (RuntimeException e) {
      running.notStarted(queued, OutcomeReason.MATERIALIZE_FAILED,
          "strategy " + unit.strategyId() + " could not build the backup's objects: " + e.getMessage());
      return Optional.empty();
    }
  }

  // Ephemeral containers and snapshots not yet ready are looked at one by one; Jobs per namespace.
  private void observe() throws InterruptedException {
    List<UnitInFlight> followingJobs = new ArrayList<>();
    for (UnitInFlight unit : running.all()) {
      if (unit.materialization instanceof EphemeralContainerMaterialization container) {
        ephemeralUnits.observe(unit, container);
      } else if (!unit.followsJob()) {
        snapshotUnits.observe(unit, (SnapshotMaterialization) unit.materialization);
      } else {
        followingJobs.add(unit);
      }
    }
    jobUnits.observe(followingJobs);
    commands.observe();
  }

  private void failQueued(String namespace, ApiCallException e) {
    for (Iterator<QueuedUnit> it = queue.iterator(); it.hasNext(); ) {
      QueuedUnit queued = it.next();
      if (queued.unit().namespace().equals(namespace)) {
        it.remove();
        running.notStarted(queued, OutcomeReason.FORBIDDEN, e.getMessage());
      }
    }
  }

  // Whatever has not ended when the loop stops, by interruption or by an unexpected exception.
  private void settleUnfinished() {
    running.interruptAll();
    commands.interruptAll();
    for (QueuedUnit queued : queue) {
      for (ClaimTarget target : queued.unit().targets()) {
        book.settle(Subject.claim(target.namespace(), target.name()), OutcomeStatus.NOT_RUN,
            OutcomeReason.INTERRUPTED, "the run was interrupted before the backup started; run it again",
            noUnit(Optional.of(queued.unit().strategyId())));
      }
    }
    queue.clear();
  }

  private static UnitFacts noUnit(Optional<String> strategy) {
    return new UnitFacts(strategy, Optional.empty(), Optional.empty(), 0, Optional.empty());
  }
}
