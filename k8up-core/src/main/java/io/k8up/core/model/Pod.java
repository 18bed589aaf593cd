package io.k8up.core.model;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.Optional;
import org.immutables.value.Value;

/** What the planner reads of a pod. */
@Value.Immutable
public abstract class Pod {

  public abstract String namespace();

  public abstract String name();

  public abstract ImmutableMap<String, String> annotations();

  public abstract ImmutableMap<String, String> labels();

  public abstract PodPhase phase();

  /** The node the pod was scheduled to ({@code spec.nodeName}), if any. */
  public abstract Optional<String> nodeName();

  /** Whether the pod is being deleted ({@code metadata.deletionTimestamp} is set). */
  @Value.Default
  public boolean deleting() {
    return false;
  }

  /** The pod's UID ({@code metadata.uid}), which changes when a pod of the same name replaces it. */
  public abstract Optional<String> uid();

  /** The names of the pod's (non-init) containers, in spec order. */
  public abstract ImmutableList<String> containerNames();

  /** The names of the pod's ephemeral containers, in spec order; they stay until the pod is replaced. */
  public abstract ImmutableList<String> ephemeralContainerNames();

  /** The pod's volumes that are backed by claims, in spec order. */
  public abstract ImmutableList<PodVolume> claimVolumes();

  /** The pod's tolerations ({@code spec.tolerations}), in spec order. */
  public abstract ImmutableList<Toleration> tolerations();

  /** The user the pod's containers run as ({@code spec.securityContext.runAsUser}), if set. */
  public abstract Optional<Long> runAsUser();

  /** The primary group of the pod's containers ({@code spec.securityContext.runAsGroup}). */
  public abstract Optional<Long> runAsGroup();

  /** The group that owns the pod's volumes ({@code spec.securityContext.fsGroup}), if set. */
  public abstract Optional<Long> fsGroup();

  /** The UID of the owner reference marked {@code controller: true}, if any. */
  public abstract Optional<String> controllerUid();

  /** Whether this pod is alive: neither terminated nor being deleted. */
  public boolean isActive() {
    return !deleting() && !phase().isTerminated();
  }

  public static ImmutablePod.Builder builder() {
    return ImmutablePod.builder();
  }
}
