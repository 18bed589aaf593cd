package io.k8up.core.internal.run;

import io.k8up.core.run.BackupUnit;
import io.k8up.core.run.RunContext;
import io.k8up.core.spi.Materialization;
import java.util.Optional;

/** A unit whose objects exist: what the run loop knows of it between two looks. */
final class UnitInFlight {

  final BackupUnit unit;
  final RunContext context;
  final Materialization materialization;
  final long started;
  final long firstStarted;
  /** Whether a create answered that the object exists; if the run's list does not show it, it is foreign. */
  final boolean existedAtCreate;
  Optional<String> node;
  boolean placedReported;
  long unschedulableSince = -1;

  UnitInFlight(QueuedUnit queued, Materialization materialization, long now, Optional<String> node,
      boolean existedAtCreate) {
    this.unit = queued.unit();
    this.context = queued.context();
    this.materialization = materialization;
    this.started = now;
    this.firstStarted = queued.firstStart().orElse(now);
    this.node = node;
    this.existedAtCreate = existedAtCreate;
  }

  String namespace() {
    return unit.namespace();
  }

  String jobName() {
    return materialization.completionJob();
  }
}
