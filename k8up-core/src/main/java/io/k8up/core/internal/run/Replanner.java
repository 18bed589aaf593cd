package io.k8up.core.internal.run;

import io.k8up.core.plan.Action;
import io.k8up.core.plan.BackupPlan;
import io.k8up.core.plan.BackupPlanner;
import io.k8up.core.plan.Decision;
import io.k8up.core.plan.Subject;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.run.BackupUnits;
import io.k8up.core.spi.Grouping;
import io.k8up.core.run.OutcomeReason;
import io.k8up.core.run.OutcomeStatus;
import io.k8up.core.run.SnapshotSource;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.snapshot.SnapshotException;
import io.k8up.core.spi.VolumeAccessStrategy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Plans a stale unit's claims again from a fresh read of its namespace: the cluster changed under
 * the unit (a pod moved, a node went away), so the first plan's placement may no longer hold.
 */
final class Replanner implements UnitReplanner {

  /** The units of the next attempt, and the snapshot their workflows are built from. */
  record Replan(List<BackupUnit> units, ClusterSnapshot snapshot) {}

  private final BackupPlanner planner;
  private final SnapshotSource snapshots;
  private final Collection<VolumeAccessStrategy> strategies;
  private final Grouping grouping;

  Replanner(BackupPlanner planner, SnapshotSource snapshots, Collection<VolumeAccessStrategy> strategies,
      Grouping grouping) {
    this.planner = planner;
    this.snapshots = snapshots;
    this.strategies = strategies;
    this.grouping = grouping;
  }

  @Override
  public Replan replan(UnitState unit, String why, OutcomeBook book, Instant now) throws SnapshotException {
    ClusterSnapshot fresh = withWhatTheRunKnew(snapshots.read(List.of(unit.namespace())), unit.context().snapshot());
    BackupPlan plan = planner.plan(fresh);
    List<Decision> again = new ArrayList<>();
    for (String claim : unit.unit().claimNames()) {
      Subject subject = Subject.claim(unit.namespace(), claim);
      Optional<Decision> decision = plan.decision(subject);
      if (decision.isEmpty()) {
        book.settle(subject, OutcomeStatus.FAILED, OutcomeReason.REPLANNED,
            why + "; the claim was deleted during the run", unit.facts(now));
      } else if (decision.get().action() == Action.BACKUP && decision.get().strategy().isPresent()) {
        again.add(decision.get());
      } else {
        book.decided(decision.get(), OutcomeReason.REPLANNED,
            why + "; a fresh plan says: " + decision.get().message());
      }
    }
    List<BackupUnit> units = BackupUnits.of(again, grouping, strategies).stream()
        .map(next -> next.withAttempt(unit.unit().attempt() + 1))
        .toList();
    return new Replan(units, fresh);
  }

  // A fresh read of claims and pods need not discover the cluster or list its Nodes again.
  private static ClusterSnapshot withWhatTheRunKnew(ClusterSnapshot fresh, ClusterSnapshot planned) {
    ClusterSnapshot known = fresh.capabilities().discovered() ? fresh : fresh.withCapabilities(planned.capabilities());
    return known.nodes().isEmpty() ? known.withNodes(planned.nodes()) : known;
  }
}
