package io.k8up.core.internal.plan;

import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.model.PersistentVolume;
import io.k8up.core.model.Placement;
import io.k8up.core.plan.ClaimContext;
import io.k8up.core.plan.DecisionReason;
import io.k8up.core.plan.NodeResolutionRule;
import io.k8up.core.plan.Resolution;

/** Places a claim where its PV's nodeAffinity says; see {@link NodeResolutionRule#pvNodeAffinity()}. */
public final class PvNodeAffinityRule implements NodeResolutionRule {

  public static final PvNodeAffinityRule INSTANCE = new PvNodeAffinityRule();

  // The binding step before it names the volume; a constant answer costs nothing per claim.
  private static final Resolution NO_AFFINITY =
      Resolution.notApplicable("the claim's PersistentVolume has no required nodeAffinity");

  private PvNodeAffinityRule() {}

  @Override
  public String name() {
    return "PV nodeAffinity";
  }

  @Override
  public Resolution resolve(ClaimContext context) {
    PersistentVolume volume = context.volume();
    if (volume.requiredNodeAffinity().isEmpty()) {
      return NO_AFFINITY;
    }
    String message =
        "No pod mounts this claim; PersistentVolume " + volume.name()
            + " has a required nodeAffinity, which places the backup or restore pod.";
    String hostname = context.claim().annotations().get(K8upAnnotations.HOSTNAME);
    if (hostname != null) {
      message += " The " + K8upAnnotations.HOSTNAME + " annotation (\"" + hostname + "\") is ignored:"
          + " the volume's nodeAffinity takes precedence, as it does in Kubernetes.";
    }
    return Resolution.placed(
        Placement.byNodeAffinity(volume.requiredNodeAffinity()), DecisionReason.PV_NODE_AFFINITY, message);
  }
}
