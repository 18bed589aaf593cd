package io.k8up.strategy.ephemeral.internal;

import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.ClusterCapabilities;
import io.k8up.core.model.Placement;
import io.k8up.core.model.Pod;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.Support;
import java.util.Optional;

/**
 * Whether the strategy can enter the pod that holds a claim, with a sentence the user can act on
 * when it cannot. Internal; only the strategy calls it.
 */
public final class ClaimSupport {

  /** The subresource the executor patches, as discovery names it. */
  static final String EPHEMERAL_CONTAINERS = "pods/ephemeralcontainers";

  private ClaimSupport() {}

  /**
   * Supported when the first pod the plan names as mounting {@code target} on a {@link
   * Placement.Type#POD_NODE} placement is among the pods of {@code snapshot} that mount it (so it
   * has a volume for the claim), active, and holds fewer than {@code maxContainersPerPod} of the
   * library's ephemeral containers.
   */
  public static Support of(ClaimTarget target, ClusterSnapshot snapshot, int maxContainersPerPod) {
    Optional<Support> cluster = clusterSupport(snapshot.capabilities());
    if (cluster.isPresent()) {
      return cluster.get();
    }
    String claim = target.namespace() + "/" + target.name();
    Optional<String> podName = HoldingPods.name(target);
    if (podName.isEmpty()) {
      return Support.unsupported("it needs a running pod that mounts the claim on a known node, and claim "
          + claim + " has none: " + withoutHolder(target.placement())
          + "; start a pod that mounts it, or back it up with another strategy such as job-per-pvc");
    }
    String pod = "pod " + target.namespace() + "/" + podName.get();
    Optional<Pod> holder = HoldingPods.find(target, podName.get(), snapshot);
    if (holder.isEmpty()) {
      return Support.unsupported(pod + ", named as mounting claim " + claim
          + ", is not in the cluster snapshot or no longer mounts it; plan again");
    }
    if (!holder.get().isActive()) {
      return Support.unsupported(pod + ", which mounts claim " + claim
          + ", has ended or is being deleted; plan again once the pod that replaces it runs");
    }
    int earlier = EarlierContainers.count(holder.get());
    if (earlier >= maxContainersPerPod) {
      return Support.unsupported(pod + " already holds " + earlier + " ephemeral containers of earlier"
          + " k8up-rwo backups, and at most " + maxContainersPerPod + " are allowed: ephemeral containers"
          + " stay until the pod is replaced, so roll the workload (e.g. kubectl rollout restart) or back"
          + " claim " + claim + " up with another strategy");
    }
    return Support.supported();
  }

  // Unknown (a snapshot read from a file) is taken for served: the executor reports a refusal anyway.
  private static Optional<Support> clusterSupport(ClusterCapabilities capabilities) {
    String version = capabilities.version().map(v -> " (Kubernetes " + v + ")").orElse("");
    if (capabilities.isAtLeast(1, 25).equals(Optional.of(false))
        || capabilities.serves(EPHEMERAL_CONTAINERS).equals(Optional.of(false))) {
      return Optional.of(Support.unsupported("this cluster" + version + " does not serve "
          + EPHEMERAL_CONTAINERS + ", which Kubernetes serves from 1.25 on; upgrade the cluster, or back the"
          + " claim up with another strategy"));
    }
    return Optional.empty();
  }

  private static String withoutHolder(Placement placement) {
    return switch (placement.type()) {
      case ANY -> "its volume is shared, so the plan places it on any node, not in a pod";
      case PV_NODE_AFFINITY -> "the plan places it by its PersistentVolume's node affinity, not by a pod";
      case HOSTNAME -> "the plan places it by its k8up.io/hostname annotation, not by a pod";
      case POD_NODE -> "the plan names no pod that mounts it";
    };
  }
}
