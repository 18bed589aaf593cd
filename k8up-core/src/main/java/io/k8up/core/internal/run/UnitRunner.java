package io.k8up.core.internal.run;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.k8up.core.kube.KubeFailure;
import io.k8up.core.kube.KubeGateway;
import io.k8up.core.kube.ListQuery;
import io.k8up.core.kube.Precondition;
import io.k8up.core.kube.WireForm;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.run.ExecutorOptions;
import io.k8up.core.run.OutcomeReason;
import io.k8up.core.run.OutcomeStatus;
import io.k8up.core.spi.ObjectRef;
import io.k8up.core.spi.ResourceType;
import io.k8up.core.spi.RunId;
import io.k8up.core.spi.RunObjects;
import io.k8up.core.spi.StaleCause;
import io.k8up.core.spi.Step;
import io.k8up.core.spi.StepState;
import io.k8up.core.spi.SubresourcePatch;
import io.k8up.core.spi.support.PodSignals;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.models.V1Pod;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Drives every unit's workflow, whatever its strategy: applies a step (creates its objects, takes
 * over those that exist, applies its patches), looks at the running units with one list per
 * observed kind per namespace, asks each step's readiness check where it stands, and moves the unit
 * on: to its next step, or to its end in {@link RunningUnits}. What every backup pod says (placed,
 * unschedulable, a container that cannot start, a volume that will not mount) is read here, once
 * for every strategy.
 */
final class UnitRunner {

  private final KubeGateway gateway;
  private final RunningUnits units;
  private final RunId runId;
  private final Duration unschedulableTimeout;
  private final Clock clock;
  private final Purpose purpose;

  UnitRunner(KubeGateway gateway, RunningUnits units, RunId runId, ExecutorOptions options, Clock clock,
      Purpose purpose) {
    this.gateway = gateway;
    this.units = units;
    this.runId = runId;
    this.unschedulableTimeout = options.unschedulableTimeout();
    this.clock = clock;
    this.purpose = purpose;
  }

  /** Starts {@code unit}: applies its first step; {@code found} are its objects an earlier process created. */
  void start(UnitInFlight unit, List<OwnedObject> found) throws InterruptedException {
    unit.owned.addAll(found);
    units.watch(unit);
    Optional<Boolean> existed = apply(unit);
    if (existed.isPresent()) {
      units.started(unit, existed.get());
    }
  }

  // Whether all of the step's changes existed already; empty when the unit ended.
  private Optional<Boolean> apply(UnitInFlight unit) throws InterruptedException {
    Step step = unit.step();
    boolean existed = true;
    try {
      for (KubernetesObject object : step.objects()) {
        existed &= create(unit, object);
      }
      if (!step.patches().isEmpty()) {
        Map<ObjectRef, Optional<JsonObject>> watched = readWatched(unit);
        Look before = look(unit, Map.of(), ImmutableList.of(), watched);
        StepState state = check(unit, before);
        if (state.kind() == StepState.Kind.FAILED || state.kind() == StepState.Kind.STALE) {
          end(unit, state);
          return Optional.empty();
        }
        if (!step.appliedWhen().test(before)) {
          existed = false;
          for (SubresourcePatch patch : step.patches()) {
            patch(patch);
          }
        }
      }
    } catch (KubeFailure e) {
      units.finish(unit, OutcomeStatus.FAILED, RunningUnits.apiFailure(e), "the " + purpose.noun()
          + " could not start: "
          + e.getMessage() + (e.isNotFound() ? step.notServedHint().map(hint -> "; " + hint).orElse("") : ""));
      return Optional.empty();
    } catch (IllegalStateException e) {
      units.finish(unit, OutcomeStatus.FAILED, OutcomeReason.MATERIALIZE_FAILED, e.getMessage());
      return Optional.empty();
    } catch (InterruptedException e) {
      // A create cut short may have reached the server: cleanup reads each object the step names.
      for (KubernetesObject object : step.objects()) {
        ResourceType type = typeOf(unit, object);
        if (unit.owned(type, object.getMetadata().getName()).isEmpty()) {
          unit.owned.add(new OwnedObject(type, unit.namespace(), object.getMetadata().getName(), Optional.empty()));
        }
      }
      throw e;
    }
    return Optional.of(existed);
  }

  // Whether the object existed: taken over from an earlier process, or a create that answered so.
  private boolean create(UnitInFlight unit, KubernetesObject object) throws KubeFailure, InterruptedException {
    ResourceType type = typeOf(unit, object);
    String name = object.getMetadata().getName();
    if (unit.owned(type, name).isPresent()) {
      return true;
    }
    // The Job's pod is kept off the nodes that were full when the unit started, as it counted there since.
    JsonObject wire = NodeExclusion.apply(WireForm.of(object), unit.slot().excluded());
    try {
      JsonObject created = gateway.create(type, wire);
      unit.owned.add(new OwnedObject(type, unit.namespace(), name, Optional.of(created)));
      return false;
    } catch (KubeFailure e) {
      if (!e.isConflict()) {
        throw e;
      }
      unit.existedAtCreate = true;
      unit.owned.add(new OwnedObject(type, unit.namespace(), name, Optional.empty()));
      return true;
    }
  }

  private void patch(SubresourcePatch patch) throws KubeFailure, InterruptedException {
    JsonObject body = WireForm.of(patch.body());
    // The subresource's fields only: the path names the object.
    body.remove("apiVersion");
    body.remove("kind");
    body.remove("metadata");
    ObjectRef target = patch.target();
    gateway.patchSubresource(target.type(), target.namespace(), target.name(), patch.subresource(), body);
  }

  /**
   * Looks at {@code running}, namespace by namespace: one list per kind their steps observe, by the
   * run's labels, then each unit's watched objects.
   */
  void observe(List<UnitInFlight> running) throws InterruptedException {
    Map<String, List<UnitInFlight>> byNamespace = new LinkedHashMap<>();
    running.forEach(unit -> byNamespace.computeIfAbsent(unit.namespace(), ns -> new ArrayList<>()).add(unit));
    for (Map.Entry<String, List<UnitInFlight>> entry : byNamespace.entrySet()) {
      observe(entry.getKey(), entry.getValue());
    }
  }

  private void observe(String namespace, List<UnitInFlight> running) throws InterruptedException {
    Set<ResourceType> kinds = new LinkedHashSet<>();
    running.forEach(unit -> kinds.addAll(unit.step().observed()));
    Map<ResourceType, ImmutableMap<String, JsonObject>> listed = new HashMap<>();
    Map<ResourceType, KubeFailure> failed = new HashMap<>();
    for (ResourceType kind : kinds) {
      try {
        listed.put(kind, Look.byName(gateway.list(kind, ListQuery.in(namespace).withLabels(RunObjects.selector(runId)))));
      } catch (KubeFailure e) {
        failed.put(kind, e);
      }
    }
    for (UnitInFlight unit : running) {
      Optional<KubeFailure> failure = unit.step().observed().stream().map(failed::get)
          .filter(Objects::nonNull).findFirst();
      if (failure.isPresent()) {
        // Without a view of the namespace nothing can be decided but forbidden and overdue units.
        units.lookFailed(unit, failure.get());
        continue;
      }
      try {
        evaluate(unit, listed);
      } catch (KubeFailure e) {
        units.lookFailed(unit, e);
      } catch (IllegalArgumentException e) {
        // A pod this library cannot read ends nothing by itself; the unit timeout still applies.
        units.failIfOverdue(unit, "The last look at it failed: " + e.getMessage());
      } catch (IllegalStateException e) {
        units.finish(unit, OutcomeStatus.FAILED, OutcomeReason.MATERIALIZE_FAILED, e.getMessage());
      }
    }
  }

  private void evaluate(UnitInFlight unit, Map<ResourceType, ImmutableMap<String, JsonObject>> listed)
      throws KubeFailure, InterruptedException {
    Step step = unit.step();
    for (OwnedObject object : unit.owned) {
      Optional.ofNullable(listed.get(object.type)).map(byName -> byName.get(object.name)).ifPresent(object::seen);
    }
    ImmutableList<V1Pod> pods = step.observed().contains(ResourceType.POD)
        ? podsOf(unit, listed.getOrDefault(ResourceType.POD, ImmutableMap.of()).values()) : ImmutableList.of();
    PodSignals signals = PodSignals.of(pods);
    if (step.observed().contains(ResourceType.POD)) {
      if (signals.node().isPresent() && !unit.placedReported) {
        unit.node = signals.node();
        units.placed(unit);
      }
    }
    Map<ObjectRef, Optional<JsonObject>> watched = readWatched(unit);
    if (!step.observed().contains(ResourceType.POD) && !unit.placedReported && unit.node.isPresent()) {
      units.placed(unit);
    }
    Look look = look(unit, listed, pods, watched);
    StepState state = check(unit, look);
    if (state.kind() == StepState.Kind.DONE && !unit.atLastStep()) {
      next(unit, look);
    } else if (state.kind() != StepState.Kind.IN_PROGRESS) {
      end(unit, state);
    } else if (!step.observed().contains(ResourceType.POD) || !podProblem(unit, signals)) {
      units.failIfOverdue(unit, state.message());
    }
  }

  private void next(UnitInFlight unit, Look finished) throws InterruptedException {
    Step next = unit.nextStep();
    try {
      next = unit.step().adjustNext().map(adjuster -> adjuster.adjust(unit.nextStep(), finished)).orElse(next);
    } catch (RuntimeException e) {
      units.finish(unit, OutcomeStatus.FAILED, OutcomeReason.MATERIALIZE_FAILED, "strategy " + unit.unit.strategyId()
          + " could not build its step after " + unit.step().name() + ": " + e.getMessage());
      return;
    }
    unit.advance(next);
    apply(unit);
  }

  private void end(UnitInFlight unit, StepState state) throws InterruptedException {
    switch (state.kind()) {
      case DONE -> units.finish(unit, OutcomeStatus.SUCCEEDED, purpose.succeeded(), purpose.succeededMessage(),
          state.details());
      case FAILED -> units.finish(unit, OutcomeStatus.FAILED, reason(state), state.message());
      case STALE -> units.stale(unit, state.message(), state.staleCause().orElseThrow());
      case IN_PROGRESS -> throw new IllegalStateException("a unit in progress does not end");
    }
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
  private StepState check(UnitInFlight unit, Look look) {
    try {
      return Objects.requireNonNull(unit.step().readiness().check(look), "it returned nothing");
    } catch (RuntimeException e) {
      throw new IllegalStateException("strategy " + unit.unit.strategyId() + " could not tell where step "
          + unit.step().name() + " stands: " + e.getMessage(), e);
    }
  }

  private Look look(UnitInFlight unit, Map<ResourceType, ImmutableMap<String, JsonObject>> listed,
      ImmutableList<V1Pod> pods, Map<ObjectRef, Optional<JsonObject>> watched) {
    return Look.of(clock.instant(), listed, pods, watched, unit.existedAtCreate,
        unit.placedReported ? unit.node : Optional.empty());
  }

  // One request per watched object; one replaced by another of its name counts as gone.
  private Map<ObjectRef, Optional<JsonObject>> readWatched(UnitInFlight unit) throws KubeFailure, InterruptedException {
    Map<ObjectRef, Optional<JsonObject>> watched = new HashMap<>();
    for (ObjectRef ref : unit.step().watched()) {
      Optional<JsonObject> object = gateway.get(ref.type(), ref.namespace(), ref.name())
          .filter(found -> ObjectLabels.metadata(found, "deletionTimestamp").isEmpty());
      Optional<String> uid = object.flatMap(found -> Precondition.unchanged(found).uid());
      Optional<String> first = unit.watchedUids.computeIfAbsent(ref, key -> uid);
      watched.put(ref, object.filter(found -> first.equals(uid)));
    }
    return watched;
  }

  private static ImmutableList<V1Pod> podsOf(UnitInFlight unit, Iterable<JsonObject> pods) {
    String attempt = Integer.toString(unit.unit.attempt());
    ImmutableList.Builder<V1Pod> own = ImmutableList.builder();
    for (JsonObject pod : pods) {
      Map<String, String> labels = ObjectLabels.of(pod);
      if (unit.unit.id().equals(labels.get(K8upAnnotations.UNIT_LABEL))
          && attempt.equals(labels.get(K8upAnnotations.ATTEMPT_LABEL))) {
        own.add(Look.read(pod, V1Pod.class, "a backup pod"));
      }
    }
    return own.build();
  }

  // Whether the unit's pods ended it: a container that cannot start, no node, a volume that does not mount.
  private boolean podProblem(UnitInFlight unit, PodSignals signals) throws InterruptedException {
    if (signals.notStarted().isPresent()) {
      units.finish(unit, OutcomeStatus.FAILED, OutcomeReason.TOOL_NOT_STARTED, "the " + purpose.noun() + " container cannot start ("
          + signals.notStarted().get() + "); check the tool's image and that the Secrets it references exist");
      return true;
    }
    return staleIfUnschedulable(unit, signals) || staleIfMountFailed(unit, signals);
  }

  private boolean staleIfUnschedulable(UnitInFlight unit, PodSignals signals) throws InterruptedException {
    Instant now = clock.instant();
    if (signals.unschedulable().isEmpty()) {
      unit.unschedulableSince = Optional.empty();
      return false;
    }
    if (unit.unschedulableSince.isEmpty()) {
      unit.unschedulableSince = Optional.of(now);
    }
    Duration waited = Duration.between(unit.unschedulableSince.get(), now);
    if (waited.compareTo(unschedulableTimeout) < 0) {
      return false;
    }
    units.stale(unit, "the " + purpose.noun() + " pod could not be scheduled for " + waited.toSeconds() + " s ("
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
    units.stale(unit, "the volume could not be attached or mounted on node " + unit.node.orElse("?")
        + " (" + mountProblem.get() + ")", StaleCause.PLACEMENT_REFUSED);
    return true;
  }

  // One request, only for a pending pod: its events tell a mount that will not happen from a slow one.
  private Optional<String> mountProblem(String namespace, String pod) throws InterruptedException {
    List<JsonObject> events;
    try {
      events = gateway.list(ResourceType.EVENT,
          ListQuery.in(namespace).withFields("involvedObject.kind=Pod,involvedObject.name=" + pod));
    } catch (KubeFailure e) {
      // Events only speed the diagnosis up; the unit's timeouts still apply without them.
      return Optional.empty();
    }
    for (JsonObject event : events) {
      // Servers that ignore the field selector still give the right answer.
      JsonElement involved = event.get("involvedObject");
      if (involved == null || !involved.isJsonObject() || !pod.equals(text(involved.getAsJsonObject(), "name"))) {
        continue;
      }
      String reason = text(event, "reason");
      String message = text(event, "message");
      if ("FailedMount".equals(reason) || ("FailedAttachVolume".equals(reason) && message.contains("Multi-Attach"))) {
        return Optional.of(reason + ": " + message.strip());
      }
    }
    return Optional.empty();
  }

  private static String text(JsonObject object, String field) {
    JsonElement element = object.get(field);
    return element != null && element.isJsonPrimitive() ? element.getAsString() : "";
  }

  // The strategy declares what it creates: cleanup and sweep find only those kinds.
  private static ResourceType typeOf(UnitInFlight unit, KubernetesObject object) {
    return unit.strategy.createdKinds().stream()
        .filter(type -> type.apiVersion().equals(object.getApiVersion()) && type.kind().equals(object.getKind()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("strategy " + unit.unit.strategyId() + " creates a "
            + object.getApiVersion() + " " + object.getKind() + ", a kind it does not declare among its created"
            + " kinds; fix the strategy"));
  }
}
