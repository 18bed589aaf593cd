package io.k8up.core.internal.run;

import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.run.ExecutorOptions;
import io.k8up.core.run.OutcomeReason;
import io.k8up.core.run.OutcomeStatus;
import io.k8up.core.spi.RunId;
import io.k8up.core.spi.RunObjects;
import io.k8up.core.spi.JobMaterialization;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1Pod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Units that end with a Job: creates a Job unit's objects, and follows every unit whose Job exists
 * (snapshot units too, once their snapshot was ready) with two list requests per namespace, the
 * run's Jobs and pods, rather than requests per unit.
 */
final class JobUnits {

  private final ClusterOperations cluster;
  private final ObjectCleanup cleanup;
  private final UnitReports reports;
  private final RunId runId;
  private final Duration unschedulableTimeout;

  JobUnits(ClusterOperations cluster, ObjectCleanup cleanup, UnitReports reports, RunId runId,
      ExecutorOptions options) {
    this.cluster = cluster;
    this.cleanup = cleanup;
    this.reports = reports;
    this.runId = runId;
    this.unschedulableTimeout = options.unschedulableTimeout();
  }

  /** Creates the unit's objects in order; one that exists already is taken as the unit's own. */
  void start(QueuedUnit queued, JobMaterialization materialization, NodeSlot slot) throws InterruptedException {
    boolean existed = false;
    List<KubernetesObject> created = new ArrayList<>();
    try {
      for (KubernetesObject object : materialization.objects()) {
        try {
          cluster.create(object, slot.excluded());
          created.add(object);
        } catch (ApiCallException e) {
          if (!e.isConflict()) {
            cleanup.deleteAll(created);
            reports.notStarted(queued, UnitReports.apiFailure(e), "the backup could not start: " + e.getMessage());
            return;
          }
          existed = true;
        }
      }
    } catch (InterruptedException e) {
      // A create cut short may have reached the server: delete everything the unit would have.
      Thread.interrupted();
      cleanup.deleteAll(materialization.objects());
      reports.requeue(queued);
      throw e;
    }
    UnitInFlight unit = new UnitInFlight(queued, materialization, System.nanoTime(), slot, existed);
    reports.watch(unit);
    reports.started(unit, existed);
  }

  /** Looks at {@code units}, whose Jobs exist, namespace by namespace in the order they come. */
  void observe(List<UnitInFlight> units) throws InterruptedException {
    Map<String, List<UnitInFlight>> byNamespace = new LinkedHashMap<>();
    units.forEach(unit -> byNamespace.computeIfAbsent(unit.namespace(), ns -> new ArrayList<>()).add(unit));
    for (Map.Entry<String, List<UnitInFlight>> entry : byNamespace.entrySet()) {
      observe(entry.getKey(), entry.getValue());
    }
  }

  private void observe(String namespace, List<UnitInFlight> units) throws InterruptedException {
    List<V1Job> jobs;
    List<V1Pod> pods;
    try {
      jobs = cluster.jobs(namespace, RunObjects.selector(runId));
      pods = cluster.pods(namespace, RunObjects.selector(runId));
    } catch (ApiCallException e) {
      // Without a view of the namespace nothing can be decided but forbidden and overdue units.
      for (UnitInFlight unit : units) {
        reports.lookFailed(unit, e, "it");
      }
      return;
    }
    Map<String, V1Job> jobsByName = new HashMap<>();
    jobs.forEach(job -> jobsByName.put(job.getMetadata().getName(), job));
    for (UnitInFlight unit : units) {
      evaluate(unit, jobsByName.get(unit.jobName()), podsOf(unit, pods));
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
      jobMissing(unit);
      return;
    }
    PodSignals signals = PodSignals.of(pods);
    if (signals.node().isPresent() && !unit.placedReported) {
      unit.node = signals.node();
      reports.placed(unit);
    }
    JobState state = JobState.of(job);
    if (state.finished() && !state.succeeded() && unit.placedReported && pods.isEmpty()) {
      // The pod the run saw placed is gone without a trace: deleted with its node, or drained.
      reports.stale(unit, "the backup pod on node " + unit.node.orElse("?") + " was deleted before it finished"
          + " (its node was deleted or drained)", StaleCause.POD_GONE);
      return;
    }
    if (state.finished()) {
      jobFinished(unit, state, signals);
      return;
    }
    if (signals.notStarted().isPresent()) {
      reports.finish(unit, OutcomeStatus.FAILED, OutcomeReason.TOOL_NOT_STARTED, "the backup container cannot start ("
          + signals.notStarted().get() + "); check the tool's image and that the Secrets it references exist");
      return;
    }
    if (staleIfUnschedulable(unit, signals) || staleIfMountFailed(unit, signals)) {
      return;
    }
    reports.failIfOverdue(unit, "");
  }

  // The run's list does not show the Job: someone deleted it, or it was never the run's own.
  private void jobMissing(UnitInFlight unit) {
    if (unit.existedAtCreate) {
      reports.failWithoutCleanup(unit, OutcomeReason.NAME_CONFLICT, "a Job named " + unit.jobName()
          + " exists in namespace " + unit.namespace() + " but was not created by run " + runId
          + "; delete it, or run with another run id");
    } else {
      reports.failWithoutCleanup(unit, OutcomeReason.VANISHED, "the backup Job " + unit.jobName()
          + " was deleted by someone else before it finished; run the backup again");
    }
  }

  private void jobFinished(UnitInFlight unit, JobState state, PodSignals signals) {
    if (state.succeeded()) {
      reports.finish(unit, OutcomeStatus.SUCCEEDED, OutcomeReason.BACKED_UP, "backed up");
    } else {
      reports.finish(unit, OutcomeStatus.FAILED, OutcomeReason.BACKUP_FAILED, "the backup Job failed ("
          + state.message() + ")" + signals.exitSummary().map(exit -> ", its container ended with " + exit)
              .orElse("")
          + "; read the pod's log with kubectl logs -n " + unit.namespace() + " job/" + unit.jobName()
          + ", keeping failed units for debugging");
    }
  }

  private boolean staleIfUnschedulable(UnitInFlight unit, PodSignals signals) throws InterruptedException {
    long now = System.nanoTime();
    if (signals.unschedulable().isEmpty()) {
      unit.unschedulableSince = -1;
      return false;
    }
    if (unit.unschedulableSince < 0) {
      unit.unschedulableSince = now;
    }
    Duration waited = Duration.ofNanos(now - unit.unschedulableSince);
    if (waited.compareTo(unschedulableTimeout) < 0) {
      return false;
    }
    reports.stale(unit, "the backup pod could not be scheduled for " + waited.toSeconds() + " s ("
        + signals.unschedulable().get() + ")", StaleCause.PLACEMENT_REFUSED);
    return true;
  }

  private boolean staleIfMountFailed(UnitInFlight unit, PodSignals signals) throws InterruptedException {
    if (signals.pendingPod().isEmpty()) {
      return false;
    }
    Optional<String> mountProblem = mountProblem(unit.namespace(), signals.pendingPod().get());
    if (mountProblem.isEmpty()) {
      return false;
    }
    reports.stale(unit, "the volume could not be attached or mounted on node " + unit.node.orElse("?")
        + " (" + mountProblem.get() + ")", StaleCause.PLACEMENT_REFUSED);
    return true;
  }

  // One request, only for a pending pod: its events tell a mount that will not happen from a slow one.
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
}
