package io.k8up.core.internal.run;

import com.google.common.collect.ImmutableList;
import io.k8up.core.plan.Subject;
import io.k8up.core.restore.RestoreAction;
import io.k8up.core.restore.RestoreDecision;
import io.k8up.core.restore.RestorePlanner;
import io.k8up.core.restore.RestoreRequest;
import io.k8up.core.restore.RestoreTarget;
import io.k8up.core.restore.StorageClassBinding;
import io.k8up.core.run.OutcomeReason;
import io.k8up.core.run.OutcomeStatus;
import io.k8up.core.run.SnapshotSource;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.snapshot.SnapshotException;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.RunContext;
import io.k8up.core.spi.VolumeAccessStrategy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plans a stale restore again from a fresh read of its namespace, with the request it came from: the
 * pod that mounted the target may have moved, or gone, which changes where (or whether) the restore
 * may run.
 */
final class RestoreReplanner implements UnitReplanner {

  private final RestorePlanner planner;
  private final ImmutableList<StorageClassBinding> storageClasses;
  private final SnapshotSource snapshots;
  private final List<? extends VolumeAccessStrategy> strategies;
  private final Map<String, RestoreRequest> requests;
  private final Map<String, RestoreTarget> targets;

  RestoreReplanner(RestorePlanner planner, ImmutableList<StorageClassBinding> storageClasses,
      SnapshotSource snapshots, List<? extends VolumeAccessStrategy> strategies, Map<String, RestoreRequest> requests,
      Map<String, RestoreTarget> targets) {
    this.planner = planner;
    this.storageClasses = storageClasses;
    this.snapshots = snapshots;
    this.strategies = strategies;
    this.requests = requests;
    this.targets = targets;
  }

  @Override
  public Replanner.Replan replan(UnitState unit, String why, OutcomeBook book, Instant now)
      throws SnapshotException {
    ClusterSnapshot planned = unit.context().snapshot();
    ClusterSnapshot fresh = snapshots.read(List.of(unit.namespace()));
    fresh = fresh.capabilities().discovered() ? fresh : fresh.withCapabilities(planned.capabilities());
    fresh = fresh.nodes().isEmpty() ? fresh.withNodes(planned.nodes()) : fresh;
    Subject subject = Subject.claim(unit.namespace(), unit.unit().claimNames().get(0));
    RestoreDecision decision = planner.plan(fresh, storageClasses, List.of(requests.get(unit.unit().id())))
        .decisions().get(0);
    if (decision.action() != RestoreAction.RESTORE) {
      book.settle(subject, decision.action() == RestoreAction.SKIP ? OutcomeStatus.SKIPPED : OutcomeStatus.FAILED,
          OutcomeReason.REPLANNED, why + "; a fresh plan says: " + decision.reason() + ": " + decision.message(),
          unit.facts(now));
      return new Replanner.Replan(List.of(), fresh);
    }
    RestoreTarget target = decision.target().orElseThrow();
    if (target.newClaim().isPresent()) {
      // The run created the claim before it started; one that is gone now was deleted under it.
      book.settle(subject, OutcomeStatus.FAILED, OutcomeReason.REPLANNED, why + "; claim " + target.targetClaim()
          + " was deleted during the restore: run the restore again", unit.facts(now));
      return new Replanner.Replan(List.of(), fresh);
    }
    Optional<RestoreUnits.Chosen> chosen;
    try {
      chosen = RestoreUnits.choose(target, strategies, RunContext.of(unit.context().runId(), unit.context().tool(), fresh));
    } catch (IllegalArgumentException e) {
      book.settle(subject, OutcomeStatus.FAILED, OutcomeReason.MATERIALIZE_FAILED, why + "; " + e.getMessage(),
          unit.facts(now));
      return new Replanner.Replan(List.of(), fresh);
    }
    if (chosen.isEmpty()) {
      book.settle(subject, OutcomeStatus.FAILED, OutcomeReason.NO_STRATEGY,
          why + "; " + RestoreUnits.noStrategy(target, strategies), unit.facts(now));
      return new Replanner.Replan(List.of(), fresh);
    }
    BackupUnit next = chosen.get().unit().withAttempt(unit.unit().attempt() + 1);
    requests.put(next.id(), decision.request());
    targets.put(next.id(), target);
    return new Replanner.Replan(List.of(next), fresh);
  }
}
