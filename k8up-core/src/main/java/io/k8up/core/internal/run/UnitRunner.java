package io.k8up.core.internal.run;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.k8up.core.internal.run.UnitTransitions.Transition;
import io.k8up.core.kube.KubeFailure;
import io.k8up.core.kube.KubeGateway;
import io.k8up.core.kube.ListQuery;
import io.k8up.core.kube.WireForm;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.run.OutcomeReason;
import io.k8up.core.run.OutcomeStatus;
import io.k8up.core.spi.ObjectRef;
import io.k8up.core.spi.ResourceType;
import io.k8up.core.spi.RunId;
import io.k8up.core.spi.RunObjects;
import io.k8up.core.spi.Step;
import io.k8up.core.spi.SubresourcePatch;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.models.V1Pod;
import java.time.Clock;
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
 * The I/O around {@link UnitTransitions}, for every unit whatever its strategy: applies a step
 * (creates its objects, takes over those that exist, applies its patches), looks at the running
 * units with one list per observed kind per namespace plus each step's watched objects, and does
 * what the transition decided; how units end is {@link RunningUnits}'.
 */
final class UnitRunner {

  private final KubeGateway gateway;
  private final RunningUnits units;
  private final RunId runId;
  private final UnitTransitions transitions;
  private final Clock clock;
  private final Purpose purpose;
  private final int pageSize;

  UnitRunner(KubeGateway gateway, RunningUnits units, RunId runId, UnitTransitions transitions, Clock clock,
      Purpose purpose, int pageSize) {
    this.gateway = gateway;
    this.units = units;
    this.runId = runId;
    this.transitions = transitions;
    this.clock = clock;
    this.purpose = purpose;
    this.pageSize = pageSize;
  }

  /** Starts {@code unit}: applies its first step, taking over what it owns already. */
  void start(UnitState unit) throws InterruptedException {
    units.update(unit);
    Optional<Applied> applied = apply(unit);
    if (applied.isPresent()) {
      units.started(applied.get().unit(), applied.get().existed());
    }
  }

  /** A unit after its step was applied; {@code existed} when all of the step's changes were there before. */
  private record Applied(UnitState unit, boolean existed) {}

  // The unit after its current step was applied; empty when it ended.
  private Optional<Applied> apply(UnitState unit) throws InterruptedException {
    Step step = unit.step();
    UnitState current = unit;
    boolean existed = true;
    try {
      for (KubernetesObject object : step.objects()) {
        ResourceType type = typeOf(current, object);
        String name = object.getMetadata().getName();
        if (current.owned(type, name).isEmpty()) {
          Optional<JsonObject> created = create(current, type, object);
          existed &= created.isEmpty();
          current = current.owning(new OwnedObject(type, current.namespace(), name, created));
          if (created.isEmpty()) {
            current = ImmutableUnitState.copyOf(current).withExistedAtCreate(true);
          }
          units.update(current);
        }
      }
      if (!step.patches().isEmpty()) {
        Transition before = transitions.beforePatches(current,
            UnitObservation.of(ImmutableMap.of(), ImmutableList.of(), readWatched(current)), clock.instant());
        current = before.state();
        units.update(current);
        if (before.ends()) {
          perform(before);
          return Optional.empty();
        }
        if (before.actions().contains(new UnitAction.ApplyStep())) {
          existed = false;
          for (SubresourcePatch patch : step.patches()) {
            patch(patch);
          }
        }
      }
    } catch (KubeFailure e) {
      units.finish(current, OutcomeStatus.FAILED, RunningUnits.apiFailure(e), "the " + purpose.noun()
          + " could not start: "
          + e.getMessage() + (e.isNotFound() ? step.notServedHint().map(hint -> "; " + hint).orElse("") : ""));
      return Optional.empty();
    } catch (IllegalStateException e) {
      units.finish(current, OutcomeStatus.FAILED, OutcomeReason.MATERIALIZE_FAILED, e.getMessage());
      return Optional.empty();
    } catch (InterruptedException e) {
      // A create cut short may have reached the server: cleanup reads each object the step names.
      for (KubernetesObject object : step.objects()) {
        ResourceType type = typeOf(current, object);
        if (current.owned(type, object.getMetadata().getName()).isEmpty()) {
          current = current.owning(new OwnedObject(type, current.namespace(), object.getMetadata().getName(),
              Optional.empty()));
        }
      }
      units.update(current);
      throw e;
    }
    return Optional.of(new Applied(current, existed));
  }

  // The object as created; empty when it existed already (taken over from an earlier process).
  private Optional<JsonObject> create(UnitState unit, ResourceType type, KubernetesObject object)
      throws KubeFailure, InterruptedException {
    // The Job's pod is kept off the nodes that were full when the unit started, as it counted there since.
    JsonObject wire = NodeExclusion.apply(WireForm.of(object), unit.slot().excluded());
    try {
      return Optional.of(gateway.create(type, wire));
    } catch (KubeFailure e) {
      if (!e.isConflict()) {
        throw e;
      }
      return Optional.empty();
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
   * run's labels, then each unit's watched objects; and does what each unit's transition decides.
   */
  void observe(List<UnitState> running) throws InterruptedException {
    Map<String, List<UnitState>> byNamespace = new LinkedHashMap<>();
    running.forEach(unit -> byNamespace.computeIfAbsent(unit.namespace(), ns -> new ArrayList<>()).add(unit));
    for (Map.Entry<String, List<UnitState>> entry : byNamespace.entrySet()) {
      observe(entry.getKey(), entry.getValue());
    }
  }

  private void observe(String namespace, List<UnitState> running) throws InterruptedException {
    Set<ResourceType> kinds = new LinkedHashSet<>();
    running.forEach(unit -> kinds.addAll(unit.step().observed()));
    Map<ResourceType, ImmutableMap<String, JsonObject>> listed = new HashMap<>();
    Map<ResourceType, KubeFailure> failed = new HashMap<>();
    for (ResourceType kind : kinds) {
      try {
        listed.put(kind, Look.byName(gateway.list(kind,
            ListQuery.in(namespace).withLabels(RunObjects.selector(runId)).withPageSize(pageSize))));
      } catch (KubeFailure e) {
        failed.put(kind, e);
      }
    }
    for (UnitState unit : running) {
      Optional<KubeFailure> failure = unit.step().observed().stream().map(failed::get).filter(Objects::nonNull)
          .findFirst();
      UnitObservation seen = failure.isPresent() ? UnitObservation.failed(failure.get()) : look(unit, listed);
      Transition transition = transitions.afterLook(unit, seen, clock.instant());
      if (!transition.actions().isEmpty() && transition.actions().get(0) instanceof UnitAction.ReadMountEvents read) {
        transition = transitions.afterLook(unit, seen.withMountEvents(mountProblem(namespace, read.pod())),
            clock.instant());
      }
      perform(transition);
    }
  }

  // What this look shows of the unit: its objects as listed, its pods, its watched objects.
  private UnitObservation look(UnitState unit, Map<ResourceType, ImmutableMap<String, JsonObject>> listed)
      throws InterruptedException {
    ImmutableMap<ResourceType, ImmutableMap<String, JsonObject>> seen = ImmutableMap.copyOf(listed);
    try {
      ImmutableList<V1Pod> pods = unit.step().observed().contains(ResourceType.POD)
          ? podsOf(unit, listed.getOrDefault(ResourceType.POD, ImmutableMap.of()).values()) : ImmutableList.of();
      return UnitObservation.of(seen, pods, readWatched(unit));
    } catch (KubeFailure e) {
      return UnitObservation.failed(e);
    } catch (IllegalArgumentException e) {
      return UnitObservation.unreadable(e.getMessage());
    }
  }

  // Does what a transition decided, in order; stops where the unit ends.
  private void perform(Transition transition) throws InterruptedException {
    UnitState unit = transition.state();
    units.update(unit);
    for (UnitAction action : transition.actions()) {
      if (action instanceof UnitAction.Placed) {
        units.placed(unit);
      } else if (action instanceof UnitAction.ApplyStep) {
        Optional<Applied> applied = apply(unit);
        if (applied.isEmpty()) {
          return;
        }
        unit = applied.get().unit();
      } else if (action instanceof UnitAction.End end) {
        units.finish(unit, end.status(), end.reason(), end.message(), end.details());
        return;
      } else if (action instanceof UnitAction.Replan replan) {
        units.stale(unit, replan.why(), replan.cause());
        return;
      } else {
        throw new IllegalStateException("the engine cannot do " + action + " here");
      }
    }
  }

  // One request per watched object; an object being deleted counts as gone.
  private ImmutableMap<ObjectRef, Optional<JsonObject>> readWatched(UnitState unit)
      throws KubeFailure, InterruptedException {
    ImmutableMap.Builder<ObjectRef, Optional<JsonObject>> watched = ImmutableMap.builder();
    for (ObjectRef ref : unit.step().watched()) {
      watched.put(ref, gateway.get(ref.type(), ref.namespace(), ref.name())
          .filter(found -> ObjectLabels.metadata(found, "deletionTimestamp").isEmpty()));
    }
    return watched.buildKeepingLast();
  }

  private static ImmutableList<V1Pod> podsOf(UnitState unit, Iterable<JsonObject> pods) {
    String attempt = Integer.toString(unit.unit().attempt());
    ImmutableList.Builder<V1Pod> own = ImmutableList.builder();
    for (JsonObject pod : pods) {
      Map<String, String> labels = ObjectLabels.of(pod);
      if (unit.unit().id().equals(labels.get(K8upAnnotations.UNIT_LABEL))
          && attempt.equals(labels.get(K8upAnnotations.ATTEMPT_LABEL))) {
        own.add(Look.read(pod, V1Pod.class, "a backup pod"));
      }
    }
    return own.build();
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
  private static ResourceType typeOf(UnitState unit, KubernetesObject object) {
    return unit.strategy().createdKinds().stream()
        .filter(type -> type.apiVersion().equals(object.getApiVersion()) && type.kind().equals(object.getKind()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("strategy " + unit.unit().strategyId() + " creates a "
            + object.getApiVersion() + " " + object.getKind() + ", a kind it does not declare among its created"
            + " kinds; fix the strategy"));
  }
}
