package io.k8up.core.internal.plan;

import com.google.common.collect.ImmutableList;
import io.k8up.core.model.Claim;
import io.k8up.core.model.ClaimPhase;
import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.model.PersistentVolume;
import io.k8up.core.model.Placement;
import io.k8up.core.model.Pod;
import io.k8up.core.plan.Action;
import io.k8up.core.plan.Decision;
import io.k8up.core.plan.DecisionReason;
import io.k8up.core.plan.NodeResolutionRule;
import io.k8up.core.plan.Resolution;
import io.k8up.core.plan.Subject;
import io.k8up.core.snapshot.ClusterSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Decides one claim by the rules of the plan contract, in their order. */
public final class ClaimDecider {

  static final String ANNOTATION_RULE = "backup annotation";
  static final String BINDING_RULE = "binding";
  static final String ACCESS_RULE = "access modes";
  static final String NO_NODE_RULE = "no node";

  private final ImmutableList<NodeResolutionRule> rules;
  private final boolean requireOptIn;
  private final StrategySelector selector;

  public ClaimDecider(ImmutableList<NodeResolutionRule> rules, boolean requireOptIn, StrategySelector selector) {
    this.rules = rules;
    this.requireOptIn = requireOptIn;
    this.selector = selector;
  }

  /** The decision for {@code claim}, recording each rule asked in {@code trace}. */
  public Decision decide(Claim claim, ClusterSnapshot snapshot, Trace trace) {
    Subject subject = Subject.claim(claim.namespace(), claim.name());
    Optional<Decision> byAnnotation = checkAnnotation(subject, claim, trace);
    if (byAnnotation.isPresent()) {
      return byAnnotation.get();
    }
    if (claim.phase() != ClaimPhase.BOUND) {
      String phase = claim.phase() == ClaimPhase.UNKNOWN ? "has no known phase" : "is " + claim.phase().kubernetesName();
      return decided(trace, BINDING_RULE, Decision.skip(subject, DecisionReason.NOT_BOUND,
          "The claim " + phase + ", not Bound, so it holds no files to back up yet."));
    }
    PersistentVolume volume = claim.volumeName().isPresent()
        ? snapshot.volume(claim.volumeName().get()).orElse(null)
        : null;
    if (volume == null) {
      return decided(trace, BINDING_RULE, Decision.fail(subject, DecisionReason.VOLUME_NOT_FOUND,
          claim.volumeName()
              .map(name -> "The claim is bound to PersistentVolume " + name + ", which the snapshot does not"
                  + " hold. Check that the volume exists and that the reader may list PersistentVolumes.")
              .orElse("The claim is Bound but names no volume (spec.volumeName is empty); check the claim.")));
    }
    if (trace.enabled()) {
      trace.passed(BINDING_RULE, "the claim is Bound to PersistentVolume " + volume.name());
    }
    if (AccessModes.anyShared(claim.accessModes())) {
      ClaimTarget target = target(claim, volume, Placement.anywhere(), ImmutableList.of());
      return decided(trace, ACCESS_RULE, selector.select(snapshot, claim, Decision.backup(subject, target,
          DecisionReason.SHARED_ACCESS, "The volume is " + modes(claim)
              + ", so a backup pod on any node can mount it."), trace));
    }
    if (trace.enabled()) {
      trace.passed(ACCESS_RULE, "the volume is " + modes(claim) + ": only one node can mount it");
    }
    return place(subject, claim, volume, snapshot, trace);
  }

  private Optional<Decision> checkAnnotation(Subject subject, Claim claim, Trace trace) {
    String value = claim.annotations().get(K8upAnnotations.BACKUP);
    Decision decision;
    if (value == null && requireOptIn) {
      decision = Decision.skip(subject, DecisionReason.NOT_OPTED_IN,
          "Opt-in mode is on and the claim has no " + K8upAnnotations.BACKUP + " annotation. Annotate it "
              + K8upAnnotations.BACKUP + "=true to back it up.");
    } else if (value == null || value.equalsIgnoreCase("true")) {
      if (trace.enabled()) {
        trace.passed(ANNOTATION_RULE, value == null
            ? "the claim has no " + K8upAnnotations.BACKUP + " annotation, and claims are backed up unless opted out"
            : "the claim is annotated " + K8upAnnotations.BACKUP + "=\"" + value + "\"");
      }
      return Optional.empty();
    } else if (value.equalsIgnoreCase("false")) {
      decision = Decision.skip(subject, DecisionReason.OPTED_OUT,
          "The claim is annotated " + K8upAnnotations.BACKUP + "=\"" + value + "\". Remove the annotation or set"
              + " it to \"true\" to back it up.");
    } else {
      decision = Decision.fail(subject, DecisionReason.INVALID_ANNOTATION,
          "The " + K8upAnnotations.BACKUP + " annotation is \"" + value + "\"; only \"true\" and \"false\" are"
              + " understood. Fix the annotation.");
    }
    return Optional.of(decided(trace, ANNOTATION_RULE, decision));
  }

  private static final String STRATEGY_RULE = "strategies";

  private Decision place(Subject subject, Claim claim, PersistentVolume volume, ClusterSnapshot snapshot, Trace trace) {
    ActiveClaimContext context = new ActiveClaimContext(claim, volume, holders(snapshot, claim), snapshot);
    for (NodeResolutionRule rule : rules) {
      Resolution resolution = GuardedRule.resolve(rule, context);
      switch (resolution.outcome()) {
        case NOT_APPLICABLE:
          if (trace.enabled()) {
            trace.passed(rule.name(), resolution.message());
          }
          continue;
        case PLACED:
          ClaimTarget target = target(claim, volume, resolution.placement().orElseThrow(), resolution.mountingPods());
          Decision backup = Decision.backup(subject, target, resolution.reason().orElseThrow(), resolution.message());
          // The rule places the backup first; the strategies then say whether they can reach it.
          decided(trace, rule.name(), backup);
          Decision selected = selector.select(snapshot, claim, backup, trace);
          return selected.action() == Action.BACKUP ? selected : decided(trace, STRATEGY_RULE, selected);
        case SKIPPED:
          return decided(trace, rule.name(),
              Decision.skip(subject, resolution.reason().orElseThrow(), resolution.message()));
        default:
          return decided(trace, rule.name(),
              Decision.fail(subject, resolution.reason().orElseThrow(), resolution.message()));
      }
    }
    Decision noNode = Decision.fail(subject, DecisionReason.NO_NODE,
        "No pod mounts this " + modes(claim) + " claim and nothing says which node holds its volume, so the"
            + " backup cannot be placed reliably. Fix it in one of three ways: run a pod that mounts the claim;"
            + " give PersistentVolume " + volume.name() + " a required spec.nodeAffinity; or annotate the claim "
            + K8upAnnotations.HOSTNAME + "=<the node's " + K8upAnnotations.HOSTNAME_LABEL + " label>.");
    return decided(trace, NO_NODE_RULE, selector.selectWithoutNode(
        snapshot, claim, noNode, () -> target(claim, volume, Placement.anywhere(), ImmutableList.of()), trace));
  }

  /** The pods that hold the claim now: scheduled, active, and not this library's own. */
  public static List<Pod> holders(ClusterSnapshot snapshot, Claim claim) {
    List<Pod> mounting = snapshot.podsMounting(claim.namespace(), claim.name());
    if (mounting.isEmpty()) {
      return mounting;
    }
    List<Pod> holders = new ArrayList<>(mounting.size());
    for (Pod pod : mounting) {
      if (pod.nodeName().isPresent() && pod.isActive()
          && !K8upAnnotations.MANAGED_BY_VALUE.equals(pod.labels().get(K8upAnnotations.MANAGED_BY_LABEL))) {
        holders.add(pod);
      }
    }
    return holders;
  }

  private static ClaimTarget target(Claim claim, PersistentVolume volume, Placement placement, List<String> pods) {
    return ClaimTarget.of(
        claim.namespace(), claim.name(), volume.name(), claim.accessModes(), placement, ImmutableList.copyOf(pods));
  }

  private static String modes(Claim claim) {
    return AccessModes.describe(claim.accessModes());
  }

  private static Decision decided(Trace trace, String rule, Decision decision) {
    if (trace.enabled()) {
      trace.decided(rule, decision.message());
    }
    return decision;
  }
}
