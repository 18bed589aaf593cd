package io.k8up.core.internal.run;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.gson.JsonObject;
import io.k8up.core.internal.command.CommandResult;
import io.k8up.core.kube.KubeFailure;
import io.k8up.core.kube.Precondition;
import io.k8up.core.run.OutcomeReason;
import io.k8up.core.run.OutcomeStatus;
import io.k8up.core.spi.ObjectRef;
import io.k8up.core.spi.ResourceType;
import io.k8up.core.spi.StaleCause;
import io.k8up.core.spi.Step;
import io.k8up.core.spi.StepState;
import io.k8up.core.spi.support.PodSignals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The engine's decisions for one running unit, as pure functions: from the unit's state, what a
 * look showed and the time, to the unit's next state and what to do. Every way a unit moves on or
 * ends is here; {@link UnitRunner} only reads the cluster and does what these ask.
 */
final class UnitTransitions {

  private final Duration unschedulableTimeout;
  private final Duration unitTimeout;
  private final Purpose purpose;

  /**
   * Decisions for units that do {@code purpose}, which call a pod that cannot be scheduled for
   * {@code unschedulableTimeout} stale, and fail a unit running longer than {@code unitTimeout}.
   */
  UnitTransitions(Duration unschedulableTimeout, Duration unitTimeout, Purpose purpose) {
    this.unschedulableTimeout = unschedulableTimeout;
    this.unitTimeout = unitTimeout;
    this.purpose = purpose;
  }

  /** A unit's next state and what to do, in order. */
  record Transition(UnitState state, ImmutableList<UnitAction> actions) {

    static Transition of(UnitState state, UnitAction... actions) {
      return new Transition(state, ImmutableList.copyOf(actions));
    }

    /** Whether the unit ends: it is settled, or planned again. */
    boolean ends() {
      return actions.stream().anyMatch(action -> action instanceof UnitAction.End
          || action instanceof UnitAction.Replan);
    }
  }

  /**
   * After a look at the unit: its step goes on, moves to the next step, or the unit ends; or, for a
   * pending pod, the transition asks for its events and is made again with them.
   */
  Transition afterLook(UnitState unit, UnitObservation seen, Instant now) {
    if (seen.failure().isPresent()) {
      KubeFailure failure = seen.failure().get();
      // Without a view of the namespace nothing can be decided but forbidden and overdue units.
      return failure.isForbidden()
          ? Transition.of(unit, new UnitAction.End(OutcomeStatus.FAILED, OutcomeReason.FORBIDDEN, failure.getMessage()))
          : new Transition(unit, overdue(unit, now, "The last look at it failed: " + failure.getMessage()));
    }
    if (seen.unreadable().isPresent()) {
      // A pod this library cannot read ends nothing by itself; the unit timeout still applies.
      return new Transition(unit, overdue(unit, now, "The last look at it failed: " + seen.unreadable().get()));
    }
    boolean observesPods = unit.step().observed().contains(ResourceType.POD);
    List<UnitAction> actions = new ArrayList<>();
    UnitState next = withLatestVersions(unit, seen.listed());
    PodSignals signals = PodSignals.of(seen.pods());
    if (observesPods && signals.node().isPresent() && !next.placed()) {
      next = ImmutableUnitState.copyOf(next).withNode(signals.node()).withPlaced(true);
      actions.add(new UnitAction.Placed());
    }
    Watched watched = watched(next, seen.watched());
    next = watched.unit();
    if (!observesPods && !next.placed() && next.node().isPresent()) {
      next = ImmutableUnitState.copyOf(next).withPlaced(true);
      actions.add(new UnitAction.Placed());
    }
    Look look = Look.of(now, seen.listed(), seen.pods(), watched.objects(), next.existedAtCreate(),
        next.placed() ? next.node() : Optional.empty());
    StepState state;
    try {
      state = check(next, look);
    } catch (IllegalStateException e) {
      actions.add(new UnitAction.End(OutcomeStatus.FAILED, OutcomeReason.MATERIALIZE_FAILED, e.getMessage()));
      return new Transition(next, ImmutableList.copyOf(actions));
    }
    if (state.kind() == StepState.Kind.DONE && !next.atLastStep()) {
      return toNextStep(next, look, actions);
    }
    if (state.kind() != StepState.Kind.IN_PROGRESS) {
      actions.add(end(state));
      return new Transition(next, ImmutableList.copyOf(actions));
    }
    if (observesPods) {
      if (signals.notStarted().isPresent()) {
        actions.add(new UnitAction.End(OutcomeStatus.FAILED, OutcomeReason.TOOL_NOT_STARTED, "the " + purpose.noun()
            + " container cannot start (" + signals.notStarted().get() + "); check the tool's image and that the Secrets it"
            + " references exist"));
        return new Transition(next, ImmutableList.copyOf(actions));
      }
      Optional<Instant> since = signals.unschedulable().map(reason -> unit.unschedulableSince().orElse(now));
      next = ImmutableUnitState.copyOf(next).withUnschedulableSince(since);
      Duration waited = since.map(from -> Duration.between(from, now)).orElse(Duration.ZERO);
      if (since.isPresent() && waited.compareTo(unschedulableTimeout) >= 0) {
        actions.add(new UnitAction.Replan("the " + purpose.noun() + " pod could not be scheduled for " + waited.toSeconds() + " s ("
            + signals.unschedulable().get() + ")", StaleCause.PLACEMENT_REFUSED));
        return new Transition(next, ImmutableList.copyOf(actions));
      }
      if (signals.pendingPod().isPresent()) {
        if (!seen.mountEvents().wasRead()) {
          // Decided again from the same state once the events are read.
          return Transition.of(unit, new UnitAction.ReadMountEvents(signals.pendingPod().get()));
        }
        if (seen.mountEvents().problem().isPresent()) {
          actions.add(new UnitAction.Replan("the volume could not be attached or mounted on node "
              + next.node().orElse("?") + " (" + seen.mountEvents().problem().get() + ")",
              StaleCause.PLACEMENT_REFUSED));
          return new Transition(next, ImmutableList.copyOf(actions));
        }
      }
    }
    actions.addAll(overdue(next, now, state.message()));
    return new Transition(next, ImmutableList.copyOf(actions));
  }

  /**
   * Before a step's subresource patches are applied: the unit ends if its check already failed or
   * went stale; {@link UnitAction.ApplyStep} when the patches are still to be made; no action when
   * an earlier process of the run made them.
   */
  Transition beforePatches(UnitState unit, UnitObservation seen, Instant now) {
    Watched watched = watched(unit, seen.watched());
    Look before = Look.of(now, ImmutableMap.of(), ImmutableList.of(), watched.objects(), unit.existedAtCreate(),
        Optional.empty());
    StepState state;
    try {
      state = check(watched.unit(), before);
    } catch (IllegalStateException e) {
      return Transition.of(watched.unit(),
          new UnitAction.End(OutcomeStatus.FAILED, OutcomeReason.MATERIALIZE_FAILED, e.getMessage()));
    }
    if (state.kind() == StepState.Kind.FAILED || state.kind() == StepState.Kind.STALE) {
      return Transition.of(watched.unit(), end(state));
    }
    return unit.step().appliedWhen().test(before)
        ? Transition.of(watched.unit())
        : Transition.of(watched.unit(), new UnitAction.ApplyStep());
  }

  /**
   * After a look at a backup command: how it ended, if it did, as its stream tells; or cut off, once
   * it ran past the unit timeout. Empty while it streams.
   */
  Optional<CommandResult> afterLook(CommandState command, Optional<CommandResult> finished, Instant now) {
    if (finished.isPresent() || command.ran(now).compareTo(unitTimeout) < 0) {
      return finished;
    }
    return Optional.of(new CommandResult(OutcomeStatus.FAILED, OutcomeReason.TIMED_OUT, "the backup command did not"
        + " finish within " + unitTimeout + "; it was cut off and nothing was kept. Raise the unit timeout, or make"
        + " the command faster", Optional.empty()));
  }

  /** The end of a unit that ran past the unit timeout; {@code lastProblem}, a sentence or empty, ends the message. */
  ImmutableList<UnitAction> overdue(UnitState unit, Instant now, String lastProblem) {
    Duration ran = Duration.between(unit.started(), now);
    if (ran.compareTo(unitTimeout) < 0) {
      return ImmutableList.of();
    }
    return ImmutableList.of(new UnitAction.End(OutcomeStatus.FAILED, OutcomeReason.TIMED_OUT,
        "the " + purpose.noun() + " did not finish within " + unitTimeout + "; raise the unit timeout or look at the "
            + purpose.noun() + " pod"
            + (lastProblem.isEmpty() ? "" : ". " + lastProblem)));
  }

  private static Transition toNextStep(UnitState unit, Look finished, List<UnitAction> actions) {
    Step next;
    try {
      next = Objects.requireNonNull(unit.step().adjustNext()
          .map(adjuster -> adjuster.adjust(unit.nextStep(), finished))
          .orElse(unit.nextStep()), "it returned nothing");
    } catch (RuntimeException e) {
      actions.add(new UnitAction.End(OutcomeStatus.FAILED, OutcomeReason.MATERIALIZE_FAILED, "strategy "
          + unit.unit().strategyId() + " could not build its step after " + unit.step().name() + ": "
          + e.getMessage()));
      return new Transition(unit, ImmutableList.copyOf(actions));
    }
    actions.add(new UnitAction.ApplyStep());
    return new Transition(unit.advancedTo(next), ImmutableList.copyOf(actions));
  }

  private UnitAction end(StepState state) {
    return switch (state.kind()) {
      case DONE -> new UnitAction.End(OutcomeStatus.SUCCEEDED, purpose.succeeded(), purpose.succeededMessage(),
          ImmutableMap.copyOf(state.details()));
      case FAILED -> new UnitAction.End(OutcomeStatus.FAILED, reason(state), state.message());
      case STALE -> new UnitAction.Replan(state.message(), state.staleCause().orElseThrow());
      case IN_PROGRESS -> throw new IllegalStateException("a unit in progress does not end");
    };
  }

  private static OutcomeReason reason(StepState state) {
    return switch (state.failure().orElseThrow()) {
      case BACKUP_FAILED -> OutcomeReason.BACKUP_FAILED;
      case SNAPSHOT_FAILED -> OutcomeReason.SNAPSHOT_FAILED;
      case TOOL_NOT_STARTED -> OutcomeReason.TOOL_NOT_STARTED;
      case VANISHED -> OutcomeReason.VANISHED;
      case NAME_CONFLICT -> OutcomeReason.NAME_CONFLICT;
      case RESTORE_FAILED -> OutcomeReason.RESTORE_FAILED;
      case NO_BACKUP -> OutcomeReason.NO_BACKUP;
    };
  }

  // Plug-in code: a throw is the unit's failure (MATERIALIZE_FAILED, as a strategy's fault), never the run's.
  private static StepState check(UnitState unit, Look look) {
    try {
      return Objects.requireNonNull(unit.step().readiness().check(look), "it returned nothing");
    } catch (RuntimeException e) {
      throw new IllegalStateException("strategy " + unit.unit().strategyId() + " could not tell where step "
          + unit.step().name() + " stands: " + e.getMessage(), e);
    }
  }

  // The newest version of each owned object the look listed: what cleanup's precondition names.
  private static UnitState withLatestVersions(UnitState unit,
      ImmutableMap<ResourceType, ImmutableMap<String, JsonObject>> listed) {
    ImmutableList.Builder<OwnedObject> owned = ImmutableList.builder();
    for (OwnedObject object : unit.owned()) {
      owned.add(Optional.ofNullable(listed.get(object.type())).map(byName -> byName.get(object.name()))
          .map(object::seen).orElse(object));
    }
    return ImmutableUnitState.copyOf(unit).withOwned(owned.build());
  }

  private record Watched(UnitState unit, ImmutableMap<ObjectRef, Optional<JsonObject>> objects) {}

  // The step's watched objects as this look read them; one replaced by another of its name counts as gone.
  private static Watched watched(UnitState unit, ImmutableMap<ObjectRef, Optional<JsonObject>> read) {
    Map<ObjectRef, Optional<String>> uids = new LinkedHashMap<>(unit.watchedUids());
    ImmutableMap.Builder<ObjectRef, Optional<JsonObject>> objects = ImmutableMap.builder();
    for (ObjectRef ref : unit.step().watched()) {
      Optional<JsonObject> object = read.getOrDefault(ref, Optional.empty());
      Optional<String> uid = object.flatMap(found -> Precondition.unchanged(found).uid());
      Optional<String> first = uids.computeIfAbsent(ref, key -> uid);
      objects.put(ref, object.filter(found -> first.equals(uid)));
    }
    return new Watched(ImmutableUnitState.copyOf(unit).withWatchedUids(uids), objects.buildKeepingLast());
  }
}
