package io.k8up.core.internal.run;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
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
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A started unit as the engine knows it between two looks: its workflow, the step it is at, what it
 * created, and what the engine saw of it. A value: {@link UnitTransitions} make the next one from
 * it, and the loop keeps whichever is current.
 */
@Value.Immutable
abstract class UnitState implements Running {

  abstract QueuedUnit queued();

  abstract VolumeAccessStrategy strategy();

  abstract Workflow workflow();

  abstract int stepIndex();

  /** The current step, as the strategy built it or as the previous step adjusted it. */
  abstract Step step();

  abstract Instant started();

  /** When the claims' first attempt started, for the outcome's duration. */
  abstract Instant firstStarted();

  /** Where the unit's pod counts for the per-node limit, before it is placed. */
  abstract NodeSlot planned();

  /** What the unit created, or took over, in creation order. */
  abstract ImmutableList<OwnedObject> owned();

  /** The uids of the watched objects when the step first saw them; another uid is another object. */
  abstract ImmutableMap<ObjectRef, Optional<String>> watchedUids();

  /** Whether a create of the current step answered that the object existed. */
  abstract boolean existedAtCreate();

  /** The node the unit's pod is on, once placed; before, the node it is pinned to, if it is. */
  abstract Optional<String> node();

  /** Whether the placement was seen and told. */
  abstract boolean placed();

  abstract Optional<Instant> unschedulableSince();

  /** A unit starting at {@code now} at its workflow's first step, owning {@code found} already. */
  static UnitState start(QueuedUnit queued, VolumeAccessStrategy strategy, Workflow workflow, Instant now,
      NodeSlot planned, List<OwnedObject> found) {
    return ImmutableUnitState.builder()
        .queued(queued)
        .strategy(strategy)
        .workflow(workflow)
        .stepIndex(0)
        .step(workflow.steps().get(0))
        .started(now)
        .firstStarted(queued.firstStart().orElse(now))
        .planned(planned)
        .owned(found)
        .existedAtCreate(false)
        .node(planned.pinned())
        .placed(false)
        .build();
  }

  BackupUnit unit() {
    return queued().unit();
  }

  RunContext context() {
    return queued().context();
  }

  @Override
  public String key() {
    return unit().id();
  }

  @Override
  public String namespace() {
    return unit().namespace();
  }

  @Override
  public Optional<NodeSlot> nodeSlot() {
    return Optional.of(slot());
  }

  boolean atLastStep() {
    return stepIndex() == workflow().steps().size() - 1;
  }

  /** The workflow's next step, as the strategy built it. */
  Step nextStep() {
    return workflow().steps().get(stepIndex() + 1);
  }

  /** This unit at its next step, as {@code adjusted} from the workflow's. */
  UnitState advancedTo(Step adjusted) {
    return ImmutableUnitState.copyOf(this)
        .withStepIndex(stepIndex() + 1)
        .withStep(adjusted)
        .withExistedAtCreate(false)
        .withWatchedUids(ImmutableMap.of());
  }

  Optional<OwnedObject> owned(ResourceType type, String name) {
    return owned().stream().filter(object -> object.is(type, name)).findFirst();
  }

  /** This unit owning {@code object} too, or in place of its earlier version. */
  UnitState owning(OwnedObject object) {
    ImmutableList.Builder<OwnedObject> owned = ImmutableList.builder();
    boolean replaced = false;
    for (OwnedObject known : owned()) {
      boolean same = known.is(object.type(), object.name());
      owned.add(same ? object : known);
      replaced |= same;
    }
    if (!replaced) {
      owned.add(object);
    }
    return ImmutableUnitState.copyOf(this).withOwned(owned.build());
  }

  /** Where the unit's pod counts for the per-node limit, now. */
  NodeSlot slot() {
    return placed() && node().isPresent() ? planned().boundTo(node().get()) : planned();
  }

  /** What an outcome tells of the unit, as of {@code now}. */
  UnitFacts facts(Instant now) {
    return new UnitFacts(Optional.of(unit().strategyId()), Optional.of(unit().id()), node(), unit().attempt(),
        Optional.of(Duration.between(firstStarted(), now)));
  }
}
