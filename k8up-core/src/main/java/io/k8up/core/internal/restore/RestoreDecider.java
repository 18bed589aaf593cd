package io.k8up.core.internal.restore;

import static java.util.stream.Collectors.joining;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.k8up.core.internal.plan.AccessModes;
import io.k8up.core.internal.plan.ClaimDecider;
import io.k8up.core.internal.plan.GuardedRule;
import io.k8up.core.model.AccessMode;
import io.k8up.core.model.Claim;
import io.k8up.core.model.ClaimPhase;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.model.PersistentVolume;
import io.k8up.core.model.Placement;
import io.k8up.core.model.Pod;
import io.k8up.core.plan.NodeResolutionRule;
import io.k8up.core.plan.Resolution;
import io.k8up.core.restore.RestoreDecision;
import io.k8up.core.restore.RestoreMethod;
import io.k8up.core.restore.RestoreReason;
import io.k8up.core.restore.RestoreRequest;
import io.k8up.core.restore.RestoreTarget;
import io.k8up.core.restore.StorageClassBinding;
import io.k8up.core.snapshot.ClusterSnapshot;
import java.util.List;
import java.util.Optional;

/**
 * Decides one restore request: does the target claim exist (or can it be created), is it in use,
 * can it be bound, and where does the restore run. A bound target is placed by the backup planner's
 * node rules, so that a restore runs where a backup of the same claim would.
 */
public final class RestoreDecider {

  private final ImmutableList<NodeResolutionRule> rules;

  public RestoreDecider(ImmutableList<NodeResolutionRule> rules) {
    this.rules = rules;
  }

  /** The decision for {@code request} in {@code snapshot}, with the StorageClasses known by name. */
  public RestoreDecision decide(
      RestoreRequest request, ClusterSnapshot snapshot, ImmutableMap<String, StorageClassBinding> classes) {
    Optional<Claim> target = snapshot.claim(request.namespace(), request.targetClaim());
    if (target.isEmpty()) {
      return request.to().isPresent() ? NewClaims.decide(request, snapshot) : RestoreDecision.fail(request,
          RestoreReason.CLAIM_NOT_FOUND, "There is no claim " + name(request) + " to restore into. Create it"
              + " again (with the storage class, size and access modes it had) and restore, or restore into"
              + " another claim with --to NAME, which is created like " + request.claim() + " if it does not exist.");
    }
    Claim claim = target.get();
    List<Pod> holders = ClaimDecider.holders(snapshot, claim);
    if (!holders.isEmpty() && !request.inUse()) {
      return RestoreDecision.fail(request, RestoreReason.IN_USE, "Pod " + describe(holders) + " mounts claim "
          + name(request) + ", and restoring under a running application can corrupt its data. Scale the"
          + " workload down and restore again; or restore into a new claim with --to NAME and point the"
          + " workload at it; or, if the application tolerates its files changing, pass the in-use option.");
    }
    if (claim.phase() != ClaimPhase.BOUND) {
      return unbound(request, claim, holders, classes);
    }
    Optional<PersistentVolume> volume = claim.volumeName().flatMap(snapshot::volume);
    if (volume.isEmpty()) {
      return RestoreDecision.fail(request, RestoreReason.VOLUME_NOT_FOUND, "Claim " + name(request)
          + " is bound to PersistentVolume " + claim.volumeName().orElse("(none named)") + ", which the"
          + " snapshot does not hold. Check that the volume exists and that the reader may list PersistentVolumes.");
    }
    if (!writable(claim)) {
      return RestoreDecision.fail(request, RestoreReason.READ_ONLY, "Claim " + name(request) + " is "
          + AccessModes.describe(claim.accessModes()) + ", so no pod can write to it. Restore into a writable"
          + " claim with --to NAME.");
    }
    if (AccessModes.anyShared(claim.accessModes())) {
      return RestoreDecision.restore(request, target(request, Placement.anywhere(), RestoreMethod.JOB, holders),
          RestoreReason.SHARED_ACCESS, "Claim " + name(request) + " is " + AccessModes.describe(claim.accessModes())
              + ", so a restore pod on any node can mount it.");
    }
    return place(request, new RestoreClaimContext(claim, volume.get(), holders, snapshot));
  }

  private RestoreDecision place(RestoreRequest request, RestoreClaimContext context) {
    for (NodeResolutionRule rule : rules) {
      Resolution resolution = GuardedRule.resolve(rule, context);
      switch (resolution.outcome()) {
        case NOT_APPLICABLE:
          continue;
        case PLACED:
          return placed(request, context, resolution);
        default:
          return RestoreDecision.fail(request,
              NodeRuleReasons.of(resolution.reason().orElseThrow(), false), resolution.message());
      }
    }
    return RestoreDecision.fail(request, RestoreReason.NO_NODE, "No pod mounts claim " + name(request)
        + " (" + AccessModes.describe(context.claim().accessModes()) + ") and nothing says which node holds"
        + " its volume, so the restore cannot be placed reliably. Give PersistentVolume " + context.volume().name()
        + " a required spec.nodeAffinity, or annotate the claim " + K8upAnnotations.HOSTNAME + "=<the node's "
        + K8upAnnotations.HOSTNAME_LABEL + " label>, or restore into a new claim with --to NAME.");
  }

  private static RestoreDecision placed(RestoreRequest request, RestoreClaimContext context, Resolution resolution) {
    Placement placement = resolution.placement().orElseThrow();
    boolean oncePod = context.claim().accessModes().contains(AccessMode.READ_WRITE_ONCE_POD);
    if (placement.samePodOnly() || (oncePod && !context.mountingPods().isEmpty())) {
      return HeldClaims.decide(request, context, placement, resolution);
    }
    RestoreTarget target = target(request, placement, RestoreMethod.JOB, context.mountingPods());
    return RestoreDecision.restore(request, target,
        NodeRuleReasons.of(resolution.reason().orElseThrow(), true), resolution.message());
  }

  private static RestoreDecision unbound(RestoreRequest request, Claim claim, List<Pod> holders,
      ImmutableMap<String, StorageClassBinding> classes) {
    String phase = "Claim " + name(request) + " is " + claim.phase().kubernetesName() + ", not Bound";
    if (claim.phase() != ClaimPhase.PENDING || !holders.isEmpty()) {
      return RestoreDecision.fail(request, RestoreReason.NOT_BOUND, phase + (holders.isEmpty() ? "" : ", and pod "
          + describe(holders) + " is binding it") + ". Check it with kubectl describe pvc, and restore once it is"
          + " Bound, or restore into a new claim with --to NAME.");
    }
    Optional<StorageClassBinding> binding = claim.storageClassName().map(classes::get);
    if (binding.isPresent() && binding.get().waitsForFirstConsumer()) {
      return RestoreDecision.restore(request, target(request, Placement.anywhere(), RestoreMethod.JOB, holders),
          RestoreReason.FIRST_CONSUMER, phase + ": its StorageClass " + binding.get().name() + " waits for the"
              + " first pod that uses it. The restore pod is that pod, so the scheduler places it and the"
              + " volume is made on its node.");
    }
    String why = claim.storageClassName().isEmpty()
        ? " and names no StorageClass, so nothing binds it when a pod uses it"
        : binding.isEmpty()
            ? " and its StorageClass " + claim.storageClassName().get() + " is not among the classes the planner"
                + " was given, so whether a pod using it binds it is unknown"
            : " and its StorageClass " + binding.get().name() + " binds claims at once (Immediate), so a pod"
                + " using it will not bind it";
    return RestoreDecision.fail(request, RestoreReason.NOT_BOUND, phase + why + ". Find out why it is not bound"
        + " (kubectl describe pvc) and restore once it is, or restore into a new claim with --to NAME.");
  }

  /** Whether some pod can mount the claim read-write. */
  private static boolean writable(Claim claim) {
    // A claim that declares no mode is tried, as a backup of it is.
    return claim.accessModes().isEmpty()
        || claim.accessModes().stream().anyMatch(mode -> mode != AccessMode.READ_ONLY_MANY);
  }

  static RestoreTarget target(RestoreRequest request, Placement placement, RestoreMethod method, List<Pod> pods) {
    return RestoreTarget.builder()
        .namespace(request.namespace())
        .sourceClaim(request.claim())
        .targetClaim(request.targetClaim())
        .placement(placement)
        .method(method)
        .mountingPods(pods.stream().map(Pod::name).collect(ImmutableList.toImmutableList()))
        .snapshot(request.snapshot())
        .overwrite(request.overwrite())
        .build();
  }

  static String name(RestoreRequest request) {
    return request.namespace() + "/" + request.targetClaim();
  }

  static String describe(List<Pod> pods) {
    return pods.stream()
        .map(pod -> pod.name() + " (" + pod.phase().kubernetesName() + " on " + pod.nodeName().orElse("no node") + ")")
        .collect(joining(", "));
  }
}
