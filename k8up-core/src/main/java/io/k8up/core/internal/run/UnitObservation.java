package io.k8up.core.internal.run;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.gson.JsonObject;
import io.k8up.core.kube.KubeFailure;
import io.k8up.core.spi.ObjectRef;
import io.k8up.core.spi.ResourceType;
import io.kubernetes.client.openapi.models.V1Pod;
import java.util.Optional;

/**
 * What one look at the cluster showed of one running unit: the transition's input besides the
 * unit's state and the time.
 *
 * @param listed the run's objects of each kind the step observes, in the unit's namespace, by name
 * @param pods the unit's own pods of its current attempt
 * @param watched the step's watched objects as read, empty for one gone or being deleted
 * @param mountEvents the pending pod's mount problem, once read ({@link MountEvents#notRead()}
 *     until the transition asks for them)
 * @param failure why the look failed, if it did: nothing else was seen
 * @param unreadable why a pod of the unit could not be read, if one could not
 */
record UnitObservation(ImmutableMap<ResourceType, ImmutableMap<String, JsonObject>> listed,
    ImmutableList<V1Pod> pods, ImmutableMap<ObjectRef, Optional<JsonObject>> watched, MountEvents mountEvents,
    Optional<KubeFailure> failure, Optional<String> unreadable) {

  /** A look that showed {@code listed}, {@code pods} and {@code watched}; a pending pod's events not read. */
  static UnitObservation of(ImmutableMap<ResourceType, ImmutableMap<String, JsonObject>> listed,
      ImmutableList<V1Pod> pods, ImmutableMap<ObjectRef, Optional<JsonObject>> watched) {
    return new UnitObservation(listed, pods, watched, MountEvents.notRead(), Optional.empty(), Optional.empty());
  }

  /** A look that failed with {@code failure}. */
  static UnitObservation failed(KubeFailure failure) {
    return new UnitObservation(ImmutableMap.of(), ImmutableList.of(), ImmutableMap.of(), MountEvents.notRead(),
        Optional.of(failure), Optional.empty());
  }

  /** A look at whose pods could not be read, for {@code why}. */
  static UnitObservation unreadable(String why) {
    return new UnitObservation(ImmutableMap.of(), ImmutableList.of(), ImmutableMap.of(), MountEvents.notRead(),
        Optional.empty(), Optional.of(why));
  }

  /** This look, with the pending pod's events read: {@code problem} if they tell of one. */
  UnitObservation withMountEvents(Optional<String> problem) {
    return new UnitObservation(listed, pods, watched, MountEvents.read(problem), failure, unreadable);
  }

  /**
   * What the events of a pending pod tell: read only when a transition asks for them, since only a
   * pending pod needs the extra request.
   */
  record MountEvents(boolean wasRead, Optional<String> problem) {

    static MountEvents notRead() {
      return new MountEvents(false, Optional.empty());
    }

    static MountEvents read(Optional<String> problem) {
      return new MountEvents(true, problem);
    }
  }
}
