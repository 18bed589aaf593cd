package io.k8up.core.internal.run;

import io.k8up.core.internal.run.OutcomeBook.UnitFacts;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.RunContext;
import io.k8up.core.spi.JobMaterialization;
import io.k8up.core.spi.Materialization;
import io.k8up.core.spi.SnapshotMaterialization;
import io.kubernetes.client.common.KubernetesObject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A unit whose objects exist: what the run loop knows of it between two looks. */
final class UnitInFlight {

  final BackupUnit unit;
  final RunContext context;
  final Materialization materialization;
  final long started;
  final long firstStarted;
  /** Whether a create answered that the object exists; if the run's list does not show it, it is foreign. */
  final boolean existedAtCreate;
  /** The node the unit's pod is on, once placed; before, the node it is pinned to, if it is. */
  Optional<String> node;
  boolean placedReported;
  /** Where the unit's pod counts for the per-node limit, before it is placed. */
  private final NodeSlot planned;
  long unschedulableSince = -1;
  /** For a snapshot unit: whether the snapshot was ready and the temporary claim and Job were created. */
  boolean jobCreated;
  /** For an ephemeral container: the UID of the pod it was added to; another UID means a new pod. */
  Optional<String> podUid = Optional.empty();

  UnitInFlight(QueuedUnit queued, Materialization materialization, long now, NodeSlot planned,
      boolean existedAtCreate) {
    this.unit = queued.unit();
    this.context = queued.context();
    this.materialization = materialization;
    this.started = now;
    this.firstStarted = queued.firstStart().orElse(now);
    this.planned = planned;
    this.node = planned.pinned();
    this.existedAtCreate = existedAtCreate;
  }

  /** Where the unit's pod counts for the per-node limit, now. */
  NodeSlot slot() {
    return placedReported && node.isPresent() ? planned.boundTo(node.get()) : planned;
  }

  /** The nodes the unit's pod was kept off when the unit started. */
  Set<String> excludedNodes() {
    return planned.excluded();
  }

  String namespace() {
    return unit.namespace();
  }

  /** The objects the unit created, to delete when it ends; none for an ephemeral container. */
  List<KubernetesObject> createdObjects() {
    if (materialization instanceof JobMaterialization jobs) {
      return jobs.objects();
    }
    return materialization instanceof SnapshotMaterialization snapshot ? snapshot.manifests() : List.of();
  }

  /** Whether the unit's Job exists: from the start for a Job unit, once the snapshot is ready for a snapshot unit. */
  boolean followsJob() {
    return materialization instanceof JobMaterialization || jobCreated;
  }

  /** The Job that ends a Job or snapshot unit. */
  String jobName() {
    return materialization instanceof SnapshotMaterialization snapshot
        ? snapshot.job().getMetadata().getName()
        : ((JobMaterialization) materialization).completionJob();
  }

  /** What an outcome tells of the unit, as of now. */
  UnitFacts facts() {
    return new UnitFacts(Optional.of(unit.strategyId()), Optional.of(unit.id()), node, unit.attempt(),
        Optional.of(Duration.ofNanos(System.nanoTime() - firstStarted)));
  }
}
