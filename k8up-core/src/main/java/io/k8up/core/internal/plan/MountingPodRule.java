package io.k8up.core.internal.plan;

import static java.util.stream.Collectors.joining;

import com.google.common.collect.ImmutableList;
import io.k8up.core.model.AccessMode;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.model.Placement;
import io.k8up.core.model.Pod;
import io.k8up.core.model.PodPhase;
import io.k8up.core.plan.ClaimContext;
import io.k8up.core.plan.DecisionReason;
import io.k8up.core.plan.NodeResolutionRule;
import io.k8up.core.plan.Resolution;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Places a claim on the node of the pods that mount it; see {@link NodeResolutionRule#mountingPod()}. */
public final class MountingPodRule implements NodeResolutionRule {

  public static final MountingPodRule INSTANCE = new MountingPodRule();

  private static final Resolution UNMOUNTED =
      Resolution.notApplicable("no running or pending pod scheduled to a node mounts the claim");

  private MountingPodRule() {}

  @Override
  public String name() {
    return "mounting pod";
  }

  @Override
  public Resolution resolve(ClaimContext context) {
    List<Pod> holders = holders(context.mountingPods());
    if (holders.isEmpty()) {
      return context.mountingPods().isEmpty()
          ? UNMOUNTED
          : Resolution.notApplicable(
              "the pods that mount the claim are neither Running nor Pending: " + names(context.mountingPods()));
    }
    for (Pod pod : holders) {
      if (pod.annotations().containsKey(K8upAnnotations.BACKUP_COMMAND)) {
        return Resolution.skipped(
            DecisionReason.BACKUP_COMMAND,
            "Pod " + pod.name() + " mounts this claim and has the " + K8upAnnotations.BACKUP_COMMAND
                + " annotation, so its backup command backs the data up instead of a file backup."
                + " Remove the annotation from the pod to back up the files.");
      }
    }
    String node = holders.get(0).nodeName().orElseThrow();
    if (!allOnNode(holders, node)) {
      // Only this rare case needs the distinct nodes, so only it pays for collecting them.
      TreeSet<String> nodes = new TreeSet<>();
      holders.forEach(pod -> nodes.add(pod.nodeName().orElseThrow()));
      return Resolution.failed(
          DecisionReason.AMBIGUOUS_NODE,
          "Pods on " + nodes.size() + " different nodes mount this claim ("
              + holders.stream().map(pod -> pod.name() + " on " + pod.nodeName().orElseThrow()).collect(joining(", "))
              + "), so no single node can be trusted to hold its volume. Back it up once only one"
              + " node runs pods that mount it, for example after a rollout has finished.");
    }
    boolean samePodOnly = context.claim().accessModes().contains(AccessMode.READ_WRITE_ONCE_POD);
    ImmutableList.Builder<String> names = ImmutableList.builderWithExpectedSize(holders.size());
    holders.forEach(pod -> names.add(pod.name()));
    ImmutableList<String> podNames = names.build();
    String message =
        samePodOnly
            ? "Held by pod " + podNames.get(0) + " on node " + node + " as ReadWriteOncePod: no second pod"
                + " can mount the volume, so only a strategy that works inside that pod can back it up."
            : "Mounted by pod " + String.join(", ", podNames) + " on node " + node
                + "; the backup runs on that node.";
    return Resolution.placed(
        Placement.onPodNode(node, samePodOnly), DecisionReason.MOUNTING_POD, message, podNames);
  }

  /** Whether every pod of {@code pods} is scheduled to {@code node}. */
  private static boolean allOnNode(List<Pod> pods, String node) {
    for (Pod pod : pods) {
      if (!pod.nodeName().orElseThrow().equals(node)) {
        return false;
      }
    }
    return true;
  }

  /** The Running pods if there are any, else the Pending ones. */
  private static List<Pod> holders(List<Pod> mounting) {
    List<Pod> running = new ArrayList<>(mounting.size());
    List<Pod> pending = null;
    for (Pod pod : mounting) {
      if (pod.phase() == PodPhase.RUNNING) {
        running.add(pod);
      } else if (pod.phase() == PodPhase.PENDING) {
        if (pending == null) {
          pending = new ArrayList<>(1);
        }
        pending.add(pod);
      }
    }
    return running.isEmpty() && pending != null ? pending : running;
  }

  private static String names(List<Pod> pods) {
    return pods.stream().map(pod -> pod.name() + " (" + pod.phase().kubernetesName() + ")").collect(joining(", "));
  }
}
