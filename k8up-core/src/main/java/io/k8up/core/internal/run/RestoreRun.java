package io.k8up.core.internal.run;

import com.google.common.collect.ImmutableList;
import io.k8up.core.kube.KubeFailure;
import io.k8up.core.kube.KubeGateway;
import io.k8up.core.kube.RetryingGateway;
import io.k8up.core.kube.WireForm;
import io.k8up.core.model.ClaimTarget;
import io.k8up.core.plan.Decision;
import io.k8up.core.plan.DecisionReason;
import io.k8up.core.plan.Subject;
import io.k8up.core.restore.RestoreAction;
import io.k8up.core.restore.RestoreDecision;
import io.k8up.core.restore.RestorePlan;
import io.k8up.core.restore.RestorePlanner;
import io.k8up.core.restore.RestoreRequest;
import io.k8up.core.restore.RestoreTarget;
import io.k8up.core.restore.StorageClassBinding;
import io.k8up.core.run.BackupReport;
import io.k8up.core.run.ExecutorOptions;
import io.k8up.core.run.ImmutableRestoreOutcome;
import io.k8up.core.run.Outcome;
import io.k8up.core.run.OutcomeReason;
import io.k8up.core.run.OutcomeStatus;
import io.k8up.core.run.ProgressListener;
import io.k8up.core.run.RestoreOutcome;
import io.k8up.core.run.RestoreReport;
import io.k8up.core.run.SnapshotSource;
import io.k8up.core.sink.BackupSink;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.ResourceType;
import io.k8up.core.spi.RunContext;
import io.k8up.core.spi.RunId;
import io.k8up.core.spi.VolumeAccessStrategy;
import io.k8up.core.spi.support.RestoreJobs;
import io.k8up.core.spi.support.RestoreResult;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a restore plan on the engine that runs backups ({@link RunLoop}): each RESTORE decision
 * becomes a unit of the strategy that restores it, whose workflow is that strategy's restore
 * workflow, under the same limits, timeouts, stale handling, adoption and cleanup. A claim the
 * restore creates ({@code --to} a claim that does not exist) is created first, without the run's
 * labels, so that no cleanup or sweep deletes restored data.
 */
public final class RestoreRun {

  // A restore plan has no pods' backup commands: nothing ever streams into a sink.
  private static final BackupSink NO_SINK = target -> {
    throw new IOException("a restore streams no backup command");
  };

  private final KubeGateway gateway;
  private final Clock clock;
  private final RetryingGateway.Sleeper pause;
  private final RestorePlanner planner;
  private final ImmutableList<StorageClassBinding> storageClasses;
  private final ImmutableList<VolumeAccessStrategy> strategies;
  private final ExecutorOptions options;
  private final BackupToolSpec tool;
  private final RunId runId;
  private final SnapshotSource snapshots;
  private final ProgressListener listener;

  /** A restore run that makes every call through {@code gateway}; see {@link RunLoop}. */
  public RestoreRun(KubeGateway gateway, Clock clock, RetryingGateway.Sleeper pause, RestorePlanner planner,
      List<StorageClassBinding> storageClasses, List<? extends VolumeAccessStrategy> strategies,
      ExecutorOptions options, BackupToolSpec tool, RunId runId, SnapshotSource snapshots,
      ProgressListener listener) {
    this.gateway = gateway;
    this.clock = clock;
    this.pause = pause;
    this.planner = planner;
    this.storageClasses = ImmutableList.copyOf(storageClasses);
    this.strategies = ImmutableList.copyOf(strategies);
    this.options = options;
    this.tool = tool;
    this.runId = runId;
    this.snapshots = snapshots;
    this.listener = listener;
  }

  /** Runs {@code plan}, made from {@code snapshot}, to the end; once per instance. */
  public RestoreReport run(RestorePlan plan, ClusterSnapshot snapshot) {
    Instant begin = clock.instant();
    long requestsBefore = gateway.requestCount();
    Prepared prepared = prepare(plan, snapshot);
    Optional<BackupReport> engine = Optional.empty();
    if (prepared.interrupted) {
      prepared.positions.values().forEach(position -> prepared.settled[position] = notRun(plan.decisions().get(position),
          "the run was interrupted before the restore started; run it again"));
      Thread.currentThread().interrupt();
    } else if (!prepared.runnable.isEmpty()) {
      engine = Optional.of(runUnits(prepared, snapshot));
      for (Outcome outcome : engine.get().outcomes()) {
        int position = prepared.positions.get(outcome.subject());
        prepared.settled[position] = ran(plan.decisions().get(position), outcome);
      }
    }
    return RestoreReport.builder()
        .runId(runId)
        .outcomes(List.of(prepared.settled))
        .apiRequests(gateway.requestCount() - requestsBefore)
        .duration(Duration.between(begin, clock.instant()))
        .interrupted(prepared.interrupted || engine.map(BackupReport::interrupted).orElse(false))
        .leftovers(engine.map(BackupReport::leftovers).orElse(ImmutableList.of()))
        .build();
  }

  /** What a run knows before the engine starts: the outcomes settled already, and the units to run. */
  private static final class Prepared {
    // By position: a request skipped as a duplicate shares its subject with the one that restores.
    final RestoreOutcome[] settled;
    final Map<Subject, Integer> positions = new HashMap<>();
    final Map<String, RestoreRequest> requests = new HashMap<>();
    final Map<String, RestoreTarget> targets = new HashMap<>();
    final List<Decision> runnable = new ArrayList<>();
    boolean interrupted;

    Prepared(int decisions) {
      settled = new RestoreOutcome[decisions];
    }
  }

  // Settles what cannot run (the plan's SKIP and FAIL, no strategy, a claim not created); creates new claims.
  private Prepared prepare(RestorePlan plan, ClusterSnapshot snapshot) {
    Prepared prepared = new Prepared(plan.decisions().size());
    RunContext context = RunContext.of(runId, tool, snapshot);
    for (int position = 0; position < prepared.settled.length; position++) {
      RestoreDecision decision = plan.decisions().get(position);
      if (decision.action() != RestoreAction.RESTORE) {
        prepared.settled[position] = planned(decision);
        continue;
      }
      RestoreTarget target = decision.target().orElseThrow();
      Optional<RestoreUnits.Chosen> chosen;
      try {
        chosen = RestoreUnits.choose(target, strategies, context);
      } catch (IllegalArgumentException e) {
        prepared.settled[position] = failed(decision, OutcomeReason.MATERIALIZE_FAILED, e.getMessage());
        continue;
      }
      if (chosen.isEmpty()) {
        prepared.settled[position] = failed(decision, OutcomeReason.NO_STRATEGY,
            RestoreUnits.noStrategy(target, strategies));
        continue;
      }
      if (prepared.interrupted) {
        prepared.settled[position] = notRun(decision, "the run was interrupted before the restore started; run it"
            + " again");
        continue;
      }
      try {
        createClaim(target);
      } catch (KubeFailure e) {
        prepared.settled[position] = failed(decision,
            e.isForbidden() ? OutcomeReason.FORBIDDEN : OutcomeReason.API_ERROR, "claim " + target.targetClaim()
            + " could not be created for the restore: " + e.getMessage());
        continue;
      } catch (InterruptedException e) {
        prepared.interrupted = true;
        prepared.settled[position] = notRun(decision, "the run was interrupted while claim " + target.targetClaim()
            + " was being created; check whether it exists, then run the restore again");
        continue;
      }
      BackupUnit unit = chosen.get().unit();
      prepared.requests.put(unit.id(), decision.request());
      prepared.targets.put(unit.id(), target);
      prepared.positions.put(decision.subject(), position);
      prepared.runnable.add(Decision.backup(decision.subject(), unit.targets().get(0), reason(unit.targets().get(0)),
          decision.message()).withStrategy(unit.strategyId()));
    }
    return prepared;
  }

  private BackupReport runUnits(Prepared prepared, ClusterSnapshot snapshot) {
    List<VolumeAccessStrategy> restorers = strategies.stream()
        .<VolumeAccessStrategy>map(strategy -> new RestoringStrategy(strategy, prepared.targets)).toList();
    RestoreReplanner replanner = new RestoreReplanner(planner, storageClasses, snapshots, strategies,
        prepared.requests, prepared.targets);
    // Events tell tenants about backups; a restore's outcome is the report's.
    ExecutorOptions withoutEvents = ExecutorOptions.builder().from(options).recordEvents(false).build();
    return new RunLoop(gateway, clock, pause, restorers, replanner, Purpose.RESTORE, withoutEvents, tool, NO_SINK,
        runId, listener).run(prepared.runnable, snapshot);
  }

  // An existing claim of that name, made by an earlier process of this run or anyone else, is the target.
  private void createClaim(RestoreTarget target) throws KubeFailure, InterruptedException {
    Optional<V1PersistentVolumeClaim> claim = RestoreJobs.newClaim(target, tool);
    if (claim.isEmpty()) {
      return;
    }
    try {
      gateway.create(ResourceType.PERSISTENT_VOLUME_CLAIM, WireForm.of(claim.get()));
    } catch (KubeFailure e) {
      if (!e.isConflict()) {
        throw e;
      }
    }
  }

  /** The placement's reason, for the engine's decision of the restore's unit: the engine reports none of it. */
  private static DecisionReason reason(ClaimTarget target) {
    return switch (target.placement().type()) {
      case POD_NODE -> DecisionReason.MOUNTING_POD;
      case PV_NODE_AFFINITY -> DecisionReason.PV_NODE_AFFINITY;
      case HOSTNAME -> DecisionReason.HOSTNAME_ANNOTATION;
      case ANY -> DecisionReason.SHARED_ACCESS;
    };
  }

  private static ImmutableRestoreOutcome.Builder outcome(RestoreDecision decision) {
    return RestoreOutcome.builder()
        .subject(decision.subject())
        .sourceClaim(decision.request().claim())
        .plannedAction(decision.action());
  }

  private static RestoreOutcome planned(RestoreDecision decision) {
    return outcome(decision)
        .status(decision.action() == RestoreAction.SKIP ? OutcomeStatus.SKIPPED : OutcomeStatus.FAILED)
        .reason(OutcomeReason.PLANNED)
        .planReason(decision.reason())
        .message(decision.message())
        .build();
  }

  private static RestoreOutcome notRun(RestoreDecision decision, String message) {
    return outcome(decision).status(OutcomeStatus.NOT_RUN).reason(OutcomeReason.INTERRUPTED).message(message).build();
  }

  private static RestoreOutcome failed(RestoreDecision decision, OutcomeReason reason, String message) {
    return outcome(decision).status(OutcomeStatus.FAILED).reason(reason).message(message).build();
  }

  private static RestoreOutcome ran(RestoreDecision decision, Outcome outcome) {
    Map<String, String> details = outcome.details();
    // Restic restored (the script exits 0 only then) but the pod wrote no result: say so, since its
    // log, the only other place naming the backup, went with its Job.
    boolean unreported = outcome.status() == OutcomeStatus.SUCCEEDED && !details.containsKey(RestoreResult.SNAPSHOT);
    return outcome(decision)
        .status(outcome.status())
        .reason(outcome.reason())
        .message(unreported ? outcome.message() + "; the restore pod reported no result (no termination message),"
            + " so which backup was restored is not known" : outcome.message())
        .strategy(outcome.strategy())
        .node(outcome.node())
        .attempts(outcome.attempts())
        .duration(outcome.duration())
        .snapshotId(Optional.ofNullable(details.get(RestoreResult.SNAPSHOT)))
        .filesRestored(Optional.ofNullable(details.get(RestoreResult.FILES_RESTORED)).map(Long::valueOf))
        .bytesRestored(Optional.ofNullable(details.get(RestoreResult.BYTES_RESTORED)).map(Long::valueOf))
        .build();
  }
}
