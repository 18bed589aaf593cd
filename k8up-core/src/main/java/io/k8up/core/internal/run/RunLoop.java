package io.k8up.core.internal.run;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.math.LongMath;
import com.google.gson.JsonObject;
import io.k8up.core.internal.run.OutcomeBook.UnitFacts;
import io.k8up.core.model.Claim;
import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.plan.Action;
import io.k8up.core.plan.BackupPlan;
import io.k8up.core.plan.BackupPlanner;
import io.k8up.core.plan.Decision;
import io.k8up.core.plan.Subject;
import io.k8up.core.run.BackupReport;
import io.k8up.core.run.BackupToolSpec;
import io.k8up.core.run.BackupUnit;
import io.k8up.core.run.BackupUnits;
import io.k8up.core.run.ExecutorOptions;
import io.k8up.core.run.Outcome;
import io.k8up.core.run.OutcomeReason;
import io.k8up.core.run.OutcomeStatus;
import io.k8up.core.run.ProgressEvent;
import io.k8up.core.run.ProgressListener;
import io.k8up.core.run.RunContext;
import io.k8up.core.run.RunId;
import io.k8up.core.run.RunObjects;
import io.k8up.core.run.SnapshotSource;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.snapshot.SnapshotException;
import io.k8up.core.spi.EphemeralContainerMaterialization;
import io.k8up.core.spi.JobMaterialization;
import io.k8up.core.spi.Materialization;
import io.k8up.core.spi.SnapshotMaterialization;
import io.k8up.core.spi.VolumeAccessStrategy;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1Pod;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
 */
public final class RunLoop {

  private static final Comparator<QueuedUnit> LARGEST_FIRST = Comparator
      .comparingLong(QueuedUnit::size).reversed()
      .thenComparing(queued -> queued.unit().namespace())
      .thenComparing(queued -> queued.unit().claimNames().get(0));

  private final ClusterOperations cluster;
  private final ApiCalls calls;
  private final BackupPlanner planner;
  private final ImmutableMap<String, VolumeAccessStrategy> strategies;
  private final ExecutorOptions options;
  private final BackupToolSpec tool;
  private final RunId runId;
  private final SnapshotSource snapshots;
  private final ProgressListener listener;

  private final List<QueuedUnit> queue = new ArrayList<>();
  private final List<UnitInFlight> running = new ArrayList<>();
  private final List<String> leftovers = new ArrayList<>();
  private OutcomeBook book;
  private boolean interruptedInCleanup;

  public RunLoop(ApiClient client, BackupPlanner planner, ExecutorOptions options, BackupToolSpec tool,
      RunId runId, SnapshotSource snapshots, ProgressListener listener) {
    this.calls = new ApiCalls(options.apiAttempts(), options.apiBackoff(), Duration.ofSeconds(5));
    this.cluster = new ClusterOperations(client, calls);
    this.planner = planner;
    this.strategies = planner.strategies().stream()
        .collect(ImmutableMap.toImmutableMap(VolumeAccessStrategy::id, strategy -> strategy));
    this.options = options;
    this.tool = tool;
    this.runId = runId;
    this.snapshots = snapshots;
    this.listener = listener;
  }

  /** Runs {@code plan}, made from {@code snapshot}, to the end; once per instance. */
  public BackupReport run(BackupPlan plan, ClusterSnapshot snapshot) {
    long begin = System.nanoTime();
    book = new OutcomeBook(plan.decisions());
    queueUnits(plan, snapshot);
    boolean interrupted = false;
    try {
      adoptExisting();
      while (!queue.isEmpty() || !running.isEmpty()) {
        startWhatFits();
        if (!running.isEmpty()) {
          Thread.sleep(options.pollInterval().toMillis());
          observe();
        }
        if (interruptedInCleanup) {
          throw new InterruptedException();
        }
      }
    } catch (InterruptedException e) {
      interrupted = true;
    } finally {
      // Cleanup must reach the API server even when the thread was interrupted.
      interrupted |= Thread.interrupted();
      settleUnfinished();
      if (interrupted || interruptedInCleanup) {
        Thread.currentThread().interrupt();
      }
    }
    ImmutableList<Outcome> outcomes = book.outcomes();
    boolean cutShort = interrupted || interruptedInCleanup;
    // One event per subject, once its outcome is final; an interrupted run ends without them.
    List<String> eventFailures = options.recordEvents() && !cutShort
        ? new EventRecorder(cluster, runId, Clock.systemUTC()).record(outcomes, snapshot) : List.of();
    return BackupReport.builder()
        .runId(runId)
        .outcomes(outcomes)
        .apiRequests(calls.requestCount())
        .duration(Duration.ofNanos(System.nanoTime() - begin))
        .interrupted(cutShort)
        .leftovers(leftovers)
        .eventFailures(eventFailures)
        .build();
  }

  private void queueUnits(BackupPlan plan, ClusterSnapshot snapshot) {
    List<Decision> runnable = new ArrayList<>();
    for (Decision decision : plan.decisions()) {
      if (decision.action() != Action.BACKUP) {
        book.decided(decision, OutcomeReason.PLANNED, decision.message());
      } else if (decision.claimTarget().isEmpty()) {
        book.settle(decision.subject(), OutcomeStatus.NOT_RUN, OutcomeReason.COMMAND_NOT_RUN,
            "running backup commands is not supported by this version; the pod's command was not run",
            noUnit(Optional.empty()));
      } else if (decision.strategy().isEmpty()) {
        book.settle(decision.subject(), OutcomeStatus.FAILED, OutcomeReason.NO_STRATEGY,
            "no volume-access strategy was chosen for the claim; configure the planner's strategies",
            noUnit(Optional.empty()));
      } else {
        runnable.add(decision);
      }
    }
    enqueue(BackupUnits.of(runnable, options.grouping(), strategies.values()), snapshot, OptionalLong.empty());
  }

  private void enqueue(List<BackupUnit> units, ClusterSnapshot snapshot, OptionalLong firstStart) {
    RunContext context = RunContext.of(runId, tool, snapshot);
    for (BackupUnit unit : units) {
      long size = unit.targets().stream()
          .mapToLong(target -> snapshot.claim(target.namespace(), target.name())
              .flatMap(Claim::requestedBytes).orElse(0L))
          .reduce(0L, LongMath::saturatedAdd);
      queue.add(new QueuedUnit(unit, context, size, firstStart));
      emit(ProgressEvent.Type.QUEUED, unit, Optional.empty(), "");
    }
    queue.sort(LARGEST_FIRST);
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
        UnitInFlight unit = new UnitInFlight(again, objects, System.nanoTime(),
            NodeKeys.of(again.unit().placement()), false);
        unit.jobCreated = true;
        running.add(unit);
        emit(ProgressEvent.Type.ADOPTED, unit.unit, unit.node, "");
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

  private void startWhatFits() throws InterruptedException {
    for (Iterator<QueuedUnit> it = queue.iterator(); it.hasNext() && running.size() < options.maxConcurrent(); ) {
      QueuedUnit queued = it.next();
      if (fits(queued.unit())) {
        it.remove();
        start(queued);
      }
    }
  }

  private boolean fits(BackupUnit unit) {
    long inNamespace = running.stream().filter(other -> other.namespace().equals(unit.namespace())).count();
    if (inNamespace >= options.maxPerNamespace().orElse(Integer.MAX_VALUE)) {
      return false;
    }
    Optional<String> node = NodeKeys.of(unit.placement());
    return node.isEmpty()
        || running.stream().filter(other -> other.node.equals(node)).count() < options.maxPerNode();
  }

  private void start(QueuedUnit queued) throws InterruptedException {
    Optional<Materialization> materialized = materialize(queued);
    if (materialized.isEmpty()) {
      return;
    }
    if (materialized.get() instanceof EphemeralContainerMaterialization container) {
      startEphemeral(queued, container);
      return;
    }
    if (materialized.get() instanceof SnapshotMaterialization snapshot) {
      startSnapshot(queued, snapshot);
      return;
    }
    Optional<JobMaterialization> materialization = materialized.map(JobMaterialization.class::cast);
    boolean existed = false;
    List<KubernetesObject> created = new ArrayList<>();
    try {
      for (KubernetesObject object : materialization.get().objects()) {
        try {
          cluster.create(object);
          created.add(object);
        } catch (ApiCallException e) {
          if (!e.isConflict()) {
            deleteAll(created);
            settleUnit(queued.unit(), queued.firstStart(), Optional.empty(), apiFailure(e),
                "the backup could not start: " + e.getMessage());
            return;
          }
          existed = true;
        }
      }
    } catch (InterruptedException e) {
      // A create cut short may have reached the server: delete everything the unit would have.
      Thread.interrupted();
      deleteAll(materialization.get().objects());
      queue.add(queued);
      throw e;
    }
    UnitInFlight unit = new UnitInFlight(queued, materialization.get(), System.nanoTime(),
        NodeKeys.of(queued.unit().placement()), existed);
    running.add(unit);
    emit(existed ? ProgressEvent.Type.ADOPTED : ProgressEvent.Type.STARTED, unit.unit, unit.node, "");
  }

  private void startEphemeral(QueuedUnit queued, EphemeralContainerMaterialization materialization)
      throws InterruptedException {
    UnitInFlight unit = new UnitInFlight(queued, materialization, System.nanoTime(),
        NodeKeys.of(queued.unit().placement()), false);
    running.add(unit);
    try {
      Optional<V1Pod> pod = cluster.pod(materialization.namespace(), materialization.pod());
      if (pod.isEmpty() || pod.get().getMetadata().getDeletionTimestamp() != null) {
        stale(unit, "pod " + materialization.pod() + ", which holds the volume, is gone");
        return;
      }
      unit.podUid = Optional.ofNullable(pod.get().getMetadata().getUid());
      boolean existed = EphemeralContainerState.isAdded(pod.get(), materialization.containerName());
      if (!existed) {
        cluster.addEphemeralContainer(materialization.namespace(), materialization.pod(), materialization.container());
      }
      emit(existed ? ProgressEvent.Type.ADOPTED : ProgressEvent.Type.STARTED, unit.unit, unit.node, "");
    } catch (ApiCallException e) {
      finish(unit, OutcomeStatus.FAILED, e.isNotFound() ? OutcomeReason.API_ERROR : apiFailure(e),
          "the backup could not start: " + e.getMessage() + (e.isNotFound()
              ? "; the cluster does not serve pods/ephemeralcontainers (Kubernetes 1.25 or later does)" : ""));
    }
  }

  // The temporary claim and the Job follow once the snapshot is ready (see observeSnapshot).
  private void startSnapshot(QueuedUnit queued, SnapshotMaterialization materialization) throws InterruptedException {
    UnitInFlight unit = new UnitInFlight(queued, materialization, System.nanoTime(), Optional.empty(), false);
    running.add(unit);
    try {
      cluster.create(materialization.volumeSnapshot());
    } catch (ApiCallException e) {
      if (!e.isConflict()) {
        finish(unit, OutcomeStatus.FAILED, apiFailure(e), "the backup could not start: " + e.getMessage()
            + (e.isNotFound() ? "; the cluster does not serve snapshot.storage.k8s.io/v1: install the snapshot"
                + " CRDs and controller" : ""));
        return;
      }
    }
    emit(ProgressEvent.Type.STARTED, unit.unit, unit.node, "");
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
      settleUnit(unit, queued.firstStart(), Optional.empty(), OutcomeReason.MATERIALIZE_FAILED,
          "strategy " + unit.strategyId() + " could not build the backup's objects: " + e.getMessage());
      return Optional.empty();
    }
  }

  private void observe() throws InterruptedException {
    Map<String, List<UnitInFlight>> byNamespace = new LinkedHashMap<>();
    for (UnitInFlight unit : List.copyOf(running)) {
      if (unit.materialization instanceof EphemeralContainerMaterialization container) {
        observeEphemeral(unit, container);
      } else if (!unit.followsJob()) {
        observeSnapshot(unit, (SnapshotMaterialization) unit.materialization);
      } else {
        byNamespace.computeIfAbsent(unit.namespace(), ns -> new ArrayList<>()).add(unit);
      }
    }
    for (Map.Entry<String, List<UnitInFlight>> entry : byNamespace.entrySet()) {
      String namespace = entry.getKey();
      List<V1Job> jobs;
      List<V1Pod> pods;
      try {
        jobs = cluster.jobs(namespace, RunObjects.selector(runId));
        pods = cluster.pods(namespace, RunObjects.selector(runId));
      } catch (ApiCallException e) {
        // Without a view of the namespace nothing can be decided but forbidden and overdue units.
        for (UnitInFlight unit : entry.getValue()) {
          if (e.isForbidden()) {
            finish(unit, OutcomeStatus.FAILED, OutcomeReason.FORBIDDEN, e.getMessage());
          } else {
            failIfOverdue(unit, " The last look at it failed: " + e.getMessage());
          }
        }
        continue;
      }
      Map<String, V1Job> jobsByName = new HashMap<>();
      jobs.forEach(job -> jobsByName.put(job.getMetadata().getName(), job));
      for (UnitInFlight unit : entry.getValue()) {
        evaluate(unit, jobsByName.get(unit.jobName()), podsOf(unit, pods));
      }
    }
  }

  // One request per unit: the pod is the application's and carries none of the run's labels.
  private void observeEphemeral(UnitInFlight unit, EphemeralContainerMaterialization container)
      throws InterruptedException {
    Optional<V1Pod> pod;
    try {
      pod = cluster.pod(container.namespace(), container.pod());
    } catch (ApiCallException e) {
      if (e.isForbidden()) {
        finish(unit, OutcomeStatus.FAILED, OutcomeReason.FORBIDDEN, e.getMessage());
      } else {
        failIfOverdue(unit, " The last look at it failed: " + e.getMessage());
      }
      return;
    }
    if (pod.isEmpty() || pod.get().getMetadata().getDeletionTimestamp() != null
        || !unit.podUid.equals(Optional.ofNullable(pod.get().getMetadata().getUid()))) {
      stale(unit, "pod " + container.pod() + " was deleted or replaced during the backup");
      return;
    }
    if (!unit.placedReported && unit.node.isPresent()) {
      unit.placedReported = true;
      emit(ProgressEvent.Type.PLACED, unit.unit, unit.node, "");
    }
    EphemeralContainerState state = EphemeralContainerState.of(pod.get(), container.containerName());
    if (state.exitCode().isPresent()) {
      if (state.exitCode().get() == 0) {
        finish(unit, OutcomeStatus.SUCCEEDED, OutcomeReason.BACKED_UP, "backed up");
      } else {
        finish(unit, OutcomeStatus.FAILED, OutcomeReason.BACKUP_FAILED, "the backup container "
            + container.containerName() + " in pod " + container.pod() + " ended with " + state.summary()
            + "; read its log with kubectl logs -n " + container.namespace() + " " + container.pod() + " -c "
            + container.containerName());
      }
    } else if (state.notStarted().isPresent()) {
      finish(unit, OutcomeStatus.FAILED, OutcomeReason.TOOL_NOT_STARTED, "the backup container cannot start ("
          + state.notStarted().get() + "); check the tool's image and that the Secrets it references exist");
    } else {
      failIfOverdue(unit, "");
    }
  }

  private void observeSnapshot(UnitInFlight unit, SnapshotMaterialization materialization)
      throws InterruptedException {
    String name = materialization.volumeSnapshot().getMetadata().getName();
    Optional<JsonObject> snapshot;
    try {
      snapshot = cluster.get(ResourceKind.of(materialization.volumeSnapshot()), unit.namespace(), name);
    } catch (ApiCallException e) {
      if (e.isForbidden()) {
        finish(unit, OutcomeStatus.FAILED, OutcomeReason.FORBIDDEN, e.getMessage());
      } else {
        failIfOverdue(unit, " The last look at its VolumeSnapshot failed: " + e.getMessage());
      }
      return;
    }
    if (snapshot.isEmpty()) {
      finish(unit, OutcomeStatus.FAILED, OutcomeReason.VANISHED, "VolumeSnapshot " + name
          + " was deleted by someone else before it was ready; run the backup again");
      return;
    }
    SnapshotState state = SnapshotState.of(snapshot.get());
    if (state.error().isPresent()) {
      finish(unit, OutcomeStatus.FAILED, OutcomeReason.SNAPSHOT_FAILED, "VolumeSnapshot " + name + " failed ("
          + state.error().get() + "); check the CSI driver and the VolumeSnapshotClass");
      return;
    }
    if (!state.readyToUse()) {
      failIfOverdue(unit, " VolumeSnapshot " + name + " never became ready to use.");
      return;
    }
    try {
      createOrAdopt(TemporaryClaims.sized(materialization.temporaryClaim(), state.restoreBytes()));
      createOrAdopt(materialization.job());
    } catch (ApiCallException e) {
      finish(unit, OutcomeStatus.FAILED, apiFailure(e), "the backup of the snapshot could not start: " + e.getMessage());
      return;
    }
    unit.jobCreated = true;
  }

  private void createOrAdopt(KubernetesObject object) throws ApiCallException, InterruptedException {
    try {
      cluster.create(object);
    } catch (ApiCallException e) {
      if (!e.isConflict()) {
        throw e;
      }
    }
  }

  private static List<V1Pod> podsOf(UnitInFlight unit, List<V1Pod> pods) {
    String attempt = Integer.toString(unit.unit.attempt());
    return pods.stream()
        .filter(pod -> pod.getMetadata() != null && pod.getMetadata().getLabels() != null)
        .filter(pod -> unit.unit.id().equals(pod.getMetadata().getLabels().get(K8upAnnotations.UNIT_LABEL))
            && attempt.equals(pod.getMetadata().getLabels().get(K8upAnnotations.ATTEMPT_LABEL)))
        .toList();
  }

  private void evaluate(UnitInFlight unit, V1Job job, List<V1Pod> pods) throws InterruptedException {
    if (job == null) {
      if (unit.existedAtCreate) {
        finishWithoutCleanup(unit, OutcomeReason.NAME_CONFLICT, "a Job named " + unit.jobName()
            + " exists in namespace " + unit.namespace() + " but was not created by run " + runId
            + "; delete it, or run with another run id");
      } else {
        finishWithoutCleanup(unit, OutcomeReason.VANISHED, "the backup Job " + unit.jobName()
            + " was deleted by someone else before it finished; run the backup again");
      }
      return;
    }
    PodSignals signals = PodSignals.of(pods);
    if (signals.node().isPresent() && !unit.placedReported) {
      unit.node = signals.node();
      unit.placedReported = true;
      emit(ProgressEvent.Type.PLACED, unit.unit, unit.node, "");
    }
    JobState state = JobState.of(job);
    if (state.finished()) {
      if (state.succeeded()) {
        finish(unit, OutcomeStatus.SUCCEEDED, OutcomeReason.BACKED_UP, "backed up");
      } else {
        finish(unit, OutcomeStatus.FAILED, OutcomeReason.BACKUP_FAILED, "the backup Job failed ("
            + state.message() + ")" + signals.exitSummary().map(exit -> ", its container ended with " + exit)
                .orElse("")
            + "; read the pod's log with kubectl logs -n " + unit.namespace() + " job/" + unit.jobName()
            + ", keeping failed units for debugging");
      }
      return;
    }
    if (signals.notStarted().isPresent()) {
      finish(unit, OutcomeStatus.FAILED, OutcomeReason.TOOL_NOT_STARTED, "the backup container cannot start ("
          + signals.notStarted().get() + "); check the tool's image and that the Secrets it references exist");
      return;
    }
    long now = System.nanoTime();
    if (signals.unschedulable().isPresent()) {
      if (unit.unschedulableSince < 0) {
        unit.unschedulableSince = now;
      }
      Duration waited = Duration.ofNanos(now - unit.unschedulableSince);
      if (waited.compareTo(options.unschedulableTimeout()) >= 0) {
        stale(unit, "the backup pod could not be scheduled for " + waited.toSeconds() + " s ("
            + signals.unschedulable().get() + ")");
        return;
      }
    } else {
      unit.unschedulableSince = -1;
    }
    if (signals.pendingPod().isPresent()) {
      Optional<String> mountProblem = mountProblem(unit.namespace(), signals.pendingPod().get());
      if (mountProblem.isPresent()) {
        stale(unit, "the volume could not be attached or mounted on node " + unit.node.orElse("?")
            + " (" + mountProblem.get() + ")");
        return;
      }
    }
    failIfOverdue(unit, "");
  }

  private Optional<String> mountProblem(String namespace, String pod) throws InterruptedException {
    try {
      for (CoreV1Event event : cluster.podEvents(namespace, pod)) {
        String message = Optional.ofNullable(event.getMessage()).orElse("");
        if ("FailedMount".equals(event.getReason())
            || ("FailedAttachVolume".equals(event.getReason()) && message.contains("Multi-Attach"))) {
          return Optional.of(event.getReason() + ": " + message.strip());
        }
      }
    } catch (ApiCallException e) {
      // Events only speed the diagnosis up; the unit's timeouts still apply without them.
    }
    return Optional.empty();
  }

  private void failIfOverdue(UnitInFlight unit, String lastProblem) {
    Duration ran = Duration.ofNanos(System.nanoTime() - unit.started);
    if (ran.compareTo(options.unitTimeout()) >= 0) {
      finish(unit, OutcomeStatus.FAILED, OutcomeReason.TIMED_OUT, "the backup did not finish within "
          + options.unitTimeout() + "; raise the unit timeout or look at the backup pod" + lastProblem);
    }
  }

  private void stale(UnitInFlight unit, String why) throws InterruptedException {
    deleteAll(unit.createdObjects());
    running.remove(unit);
    if (unit.unit.attempt() >= options.maxPlacementAttempts()) {
      settleUnit(unit, OutcomeStatus.FAILED, OutcomeReason.PLACEMENT_STALE, why + "; gave up after "
          + unit.unit.attempt() + " attempts: check that the node exists and can take the pod, and that"
          + " the volume can be mounted there");
      emit(ProgressEvent.Type.FAILED, unit.unit, unit.node, why);
      return;
    }
    emit(ProgressEvent.Type.RETRIED, unit.unit, unit.node, why);
    replan(unit, why);
  }

  private void replan(UnitInFlight unit, String why) {
    ClusterSnapshot fresh;
    try {
      fresh = withWhatTheRunKnew(snapshots.read(List.of(unit.namespace())), unit.context.snapshot());
    } catch (SnapshotException e) {
      settleUnit(unit, OutcomeStatus.FAILED, OutcomeReason.API_ERROR,
          why + "; re-planning failed: " + e.getMessage());
      return;
    }
    BackupPlan plan = planner.plan(fresh);
    List<Decision> again = new ArrayList<>();
    for (String claim : unit.unit.claimNames()) {
      Subject subject = Subject.claim(unit.namespace(), claim);
      Optional<Decision> decision = plan.decision(subject);
      if (decision.isEmpty()) {
        book.settle(subject, OutcomeStatus.FAILED, OutcomeReason.REPLANNED,
            why + "; the claim was deleted during the run", facts(unit));
      } else if (decision.get().action() == Action.BACKUP && decision.get().strategy().isPresent()) {
        again.add(decision.get());
      } else {
        book.decided(decision.get(), OutcomeReason.REPLANNED,
            why + "; a fresh plan says: " + decision.get().message());
      }
    }
    List<BackupUnit> units = BackupUnits.of(again, options.grouping(), strategies.values()).stream()
        .map(next -> next.withAttempt(unit.unit.attempt() + 1))
        .toList();
    enqueue(units, fresh, OptionalLong.of(unit.firstStarted));
  }

  // A fresh read of claims and pods need not discover the cluster or list its Nodes again.
  private static ClusterSnapshot withWhatTheRunKnew(ClusterSnapshot fresh, ClusterSnapshot planned) {
    ClusterSnapshot known = fresh.capabilities().discovered() ? fresh : fresh.withCapabilities(planned.capabilities());
    return known.nodes().isEmpty() ? known.withNodes(planned.nodes()) : known;
  }

  private void finish(UnitInFlight unit, OutcomeStatus status, OutcomeReason reason, String message) {
    boolean keep = status == OutcomeStatus.FAILED && options.keepFailedUnits();
    if (!keep) {
      try {
        deleteAll(unit.createdObjects());
      } catch (InterruptedException e) {
        interruptedInCleanup = true;
      }
    }
    running.remove(unit);
    settleUnit(unit, status, reason, message);
    emit(status == OutcomeStatus.SUCCEEDED ? ProgressEvent.Type.SUCCEEDED : ProgressEvent.Type.FAILED,
        unit.unit, unit.node, status == OutcomeStatus.SUCCEEDED ? "" : message);
  }

  private void finishWithoutCleanup(UnitInFlight unit, OutcomeReason reason, String message) {
    running.remove(unit);
    settleUnit(unit, OutcomeStatus.FAILED, reason, message);
    emit(ProgressEvent.Type.FAILED, unit.unit, unit.node, message);
  }

  private void failQueued(String namespace, ApiCallException e) {
    for (Iterator<QueuedUnit> it = queue.iterator(); it.hasNext(); ) {
      QueuedUnit queued = it.next();
      if (queued.unit().namespace().equals(namespace)) {
        it.remove();
        settleUnit(queued.unit(), queued.firstStart(), Optional.empty(), OutcomeReason.FORBIDDEN, e.getMessage());
      }
    }
  }

  // Whatever has not ended when the loop stops, by interruption or by an unexpected exception.
  private void settleUnfinished() {
    for (UnitInFlight unit : List.copyOf(running)) {
      try {
        deleteAll(unit.createdObjects());
      } catch (InterruptedException e) {
        interruptedInCleanup = true;
        Thread.interrupted();
      }
      settleUnit(unit, OutcomeStatus.NOT_RUN, OutcomeReason.INTERRUPTED,
          unit.materialization instanceof EphemeralContainerMaterialization container
              ? "the run was interrupted while the backup ran; ephemeral container " + container.containerName()
                  + " in pod " + container.pod() + " cannot be stopped and finishes on its own; run the backup again"
              : "the run was interrupted while the backup ran; its objects were deleted, run the backup again");
    }
    running.clear();
    for (QueuedUnit queued : queue) {
      for (ClaimTarget target : queued.unit().targets()) {
        book.settle(Subject.claim(target.namespace(), target.name()), OutcomeStatus.NOT_RUN,
            OutcomeReason.INTERRUPTED, "the run was interrupted before the backup started; run it again",
            noUnit(Optional.of(queued.unit().strategyId())));
      }
    }
    queue.clear();
  }

  private void deleteAll(List<KubernetesObject> objects) throws InterruptedException {
    for (KubernetesObject object : ImmutableList.copyOf(objects).reverse()) {
      try {
        if (isKept(object)) {
          continue;
        }
        cluster.delete(object);
      } catch (ApiCallException e) {
        leftovers.add(object.getKind() + " " + object.getMetadata().getNamespace() + "/"
            + object.getMetadata().getName() + ": " + e.getMessage());
      }
    }
  }

  // A user may label the run's VolumeSnapshot to keep it, as a restore point of its own.
  private boolean isKept(KubernetesObject object) throws ApiCallException, InterruptedException {
    if (!"VolumeSnapshot".equals(object.getKind())) {
      return false;
    }
    Optional<JsonObject> current = cluster.get(ResourceKind.of(object), object.getMetadata().getNamespace(),
        object.getMetadata().getName());
    return current.filter(KeepLabel::on).isPresent();
  }

  private void settleUnit(UnitInFlight unit, OutcomeStatus status, OutcomeReason reason, String message) {
    for (ClaimTarget target : unit.unit.targets()) {
      book.settle(Subject.claim(target.namespace(), target.name()), status, reason, message, facts(unit));
    }
  }

  private void settleUnit(BackupUnit unit, OptionalLong firstStart, Optional<String> node,
      OutcomeReason reason, String message) {
    UnitFacts facts = new UnitFacts(Optional.of(unit.strategyId()), Optional.of(unit.id()), node,
        unit.attempt(), firstStart.isPresent()
            ? Optional.of(Duration.ofNanos(System.nanoTime() - firstStart.getAsLong())) : Optional.empty());
    for (ClaimTarget target : unit.targets()) {
      book.settle(Subject.claim(target.namespace(), target.name()), OutcomeStatus.FAILED, reason, message, facts);
    }
    emit(ProgressEvent.Type.FAILED, unit, node, message);
  }

  private static UnitFacts facts(UnitInFlight unit) {
    return new UnitFacts(Optional.of(unit.unit.strategyId()), Optional.of(unit.unit.id()), unit.node,
        unit.unit.attempt(), Optional.of(Duration.ofNanos(System.nanoTime() - unit.firstStarted)));
  }

  private static UnitFacts noUnit(Optional<String> strategy) {
    return new UnitFacts(strategy, Optional.empty(), Optional.empty(), 0, Optional.empty());
  }

  private static OutcomeReason apiFailure(ApiCallException e) {
    return e.isForbidden() ? OutcomeReason.FORBIDDEN : OutcomeReason.API_ERROR;
  }

  private void emit(ProgressEvent.Type type, BackupUnit unit, Optional<String> node, String message) {
    ProgressEvent event = ProgressEvent.builder()
        .type(type)
        .unitId(unit.id())
        .namespace(unit.namespace())
        .claims(unit.claimNames())
        .node(node)
        .attempt(unit.attempt())
        .message(message)
        .build();
    try {
      listener.onEvent(event);
    } catch (RuntimeException e) {
      // A listener's failure must not stop a backup; the report still tells everything.
    }
  }
}
