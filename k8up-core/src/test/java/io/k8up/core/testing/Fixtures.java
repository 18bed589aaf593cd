package io.k8up.core.testing;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.k8up.core.model.AccessMode;
import io.k8up.core.model.Claim;
import io.k8up.core.model.ClaimPhase;
import io.k8up.core.model.ImmutableClaim;
import io.k8up.core.model.ImmutableNode;
import io.k8up.core.model.ImmutablePersistentVolume;
import io.k8up.core.model.ImmutablePod;
import io.k8up.core.model.Node;
import io.k8up.core.model.NodeSelectorRequirement;
import io.k8up.core.model.NodeSelectorTerm;
import io.k8up.core.model.PersistentVolume;
import io.k8up.core.model.Pod;
import io.k8up.core.model.PodPhase;
import io.k8up.core.model.PodVolume;
import io.k8up.core.model.Taint;
import java.util.List;

/** Short-hand builders of model objects for tests; every claim is in namespace {@link #NAMESPACE}. */
public final class Fixtures {

  public static final String NAMESPACE = "shop";

  private Fixtures() {}

  /** A claim Bound to {@code pv-<name>} with these access modes (spec and status alike). */
  public static ImmutableClaim.Builder boundClaim(String name, AccessMode... modes) {
    return Claim.builder()
        .namespace(NAMESPACE)
        .name(name)
        .phase(ClaimPhase.BOUND)
        .volumeName("pv-" + name)
        .specAccessModes(ImmutableList.copyOf(modes))
        .statusAccessModes(ImmutableList.copyOf(modes));
  }

  /** The volume {@code pv-<claim>}, with no nodeAffinity. */
  public static ImmutablePersistentVolume.Builder volumeFor(String claim) {
    return PersistentVolume.builder().name("pv-" + claim);
  }

  /** A nodeAffinity term {@code kubernetes.io/hostname In [node]}. */
  public static NodeSelectorTerm hostnameTerm(String node) {
    return NodeSelectorTerm.builder()
        .addMatchExpressions(NodeSelectorRequirement.of("kubernetes.io/hostname", "In", List.of(node)))
        .build();
  }

  /** A Running pod on {@code node} with one container {@code app}, mounting these claims. */
  public static ImmutablePod.Builder runningPod(String name, String node, String... claims) {
    ImmutablePod.Builder pod = Pod.builder()
        .namespace(NAMESPACE)
        .name(name)
        .phase(PodPhase.RUNNING)
        .nodeName(node)
        .addContainerNames("app");
    for (String claim : claims) {
      pod.addClaimVolumes(PodVolume.of("vol-" + claim, claim));
    }
    return pod;
  }

  /** A node named {@code name} whose {@code kubernetes.io/hostname} label is {@code name} too. */
  public static ImmutableNode.Builder node(String name) {
    return Node.builder().name(name).hostname(name);
  }

  /** The taint {@code key=value:effect}. */
  public static Taint taint(String key, String value, String effect) {
    return Taint.builder().key(key).value(value).effect(effect).build();
  }

  /** The taint {@code key:effect}, without a value. */
  public static Taint taint(String key, String effect) {
    return Taint.builder().key(key).effect(effect).build();
  }

  /** {@code key=value} annotations. */
  public static ImmutableMap<String, String> annotation(String key, String value) {
    return ImmutableMap.of(key, value);
  }
}
