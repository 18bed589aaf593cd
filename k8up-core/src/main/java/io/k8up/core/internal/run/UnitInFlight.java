package io.k8up.core.internal.run;

import io.k8up.core.internal.run.OutcomeBook.UnitFacts;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.ObjectRef;
import io.k8up.core.spi.ResourceType;
import io.k8up.core.spi.RunContext;
import io.k8up.core.spi.Step;
import io.k8up.core.spi.VolumeAccessStrategy;
import io.k8up.core.spi.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A started unit: its workflow, the step it is at, what it created, and what the engine saw of it
 * between two looks. Only {@link UnitRunner} moves it on; {@link RunningUnits} ends it.
 */
final class UnitInFlight {

  final BackupUnit unit;
  final RunContext context;
  final VolumeAccessStrategy strategy;
  final Workflow workflow;
  final Instant started;
  final Instant firstStarted;
  /** Where the unit's pod counts for the per-node limit, before it is placed. */
  private final NodeSlot planned;
  /** What the unit created, or took over, in creation order. */
  final List<OwnedObject> owned = new ArrayList<>();
  /** The uids of the watched objects when the step started; another uid is another object. */
  final Map<ObjectRef, Optional<String>> watchedUids = new HashMap<>();
  private int stepIndex;
  private Step step;
  /** Whether a create of the current step answered that the object existed. */
  boolean existedAtCreate;
  /** The node the unit's pod is on, once placed; before, the node it is pinned to, if it is. */
  Optional<String> node;
  boolean placedReported;
  Optional<Instant> unschedulableSince = Optional.empty();

  UnitInFlight(QueuedUnit queued, VolumeAccessStrategy strategy, Workflow workflow, Instant now, NodeSlot planned) {
    this.unit = queued.unit();
    this.context = queued.context();
    this.strategy = strategy;
    this.workflow = workflow;
    this.started = now;
    this.firstStarted = queued.firstStart().orElse(now);
    this.planned = planned;
    this.node = planned.pinned();
    this.step = workflow.steps().get(0);
  }

  Step step() {
    return step;
  }

  boolean atLastStep() {
    return stepIndex == workflow.steps().size() - 1;
  }

  /** Moves on to the next step, as {@code adjusted} from the workflow's. */
  void advance(Step adjusted) {
    stepIndex++;
    step = adjusted;
    existedAtCreate = false;
    watchedUids.clear();
  }

  /** The workflow's next step, as the strategy built it. */
  Step nextStep() {
    return workflow.steps().get(stepIndex + 1);
  }

  Optional<OwnedObject> owned(ResourceType type, String name) {
    return owned.stream().filter(object -> object.is(type, name)).findFirst();
  }

  /** Where the unit's pod counts for the per-node limit, now. */
  NodeSlot slot() {
    return placedReported && node.isPresent() ? planned.boundTo(node.get()) : planned;
  }

  String namespace() {
    return unit.namespace();
  }

  /** What an outcome tells of the unit, as of {@code now}. */
  UnitFacts facts(Instant now) {
    return new UnitFacts(Optional.of(unit.strategyId()), Optional.of(unit.id()), node, unit.attempt(),
        Optional.of(Duration.between(firstStarted, now)));
  }
}
