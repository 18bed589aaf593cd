package io.k8up.core.testing;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import com.google.common.collect.ImmutableList;
import io.k8up.core.model.AccessMode;
import io.k8up.core.model.Claim;
import io.k8up.core.model.ClaimPhase;
import io.k8up.core.model.ImmutableClaim;
import io.k8up.core.model.ImmutableNodeSelectorTerm;
import io.k8up.core.model.ImmutablePersistentVolume;
import io.k8up.core.model.ImmutablePod;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.model.NodeSelectorRequirement;
import io.k8up.core.model.NodeSelectorTerm;
import io.k8up.core.model.PersistentVolume;
import io.k8up.core.model.Pod;
import io.k8up.core.model.PodPhase;
import io.k8up.core.model.PodVolume;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

/**
 * QuickTheories generators of small random clusters: claims of every phase and access mode, with
 * odd annotation values; volumes with and without nodeAffinity, some missing; pods of every phase,
 * on a few nodes, some being deleted, some created by this library, some with backup commands.
 * Names come from small pools so that pods often mount claims and collide on nodes.
 */
public final class ClusterGenerators {

  static final List<String> NAMESPACES = List.of("shop", "blog");
  static final List<String> NODES = List.of("node-a", "node-b", "node-c");
  private static final List<String> BACKUP_VALUES = List.of("true", "True", "false", "FALSE", "yes", "", " false");
  private static final List<String> HOSTNAMES = List.of("node-a", "node-b", "bad host!", "", "-x", "a".repeat(64));
  private static final List<List<AccessMode>> MODES = List.of(
      List.of(AccessMode.READ_WRITE_ONCE),
      List.of(AccessMode.READ_WRITE_ONCE),
      List.of(AccessMode.READ_WRITE_ONCE),
      List.of(AccessMode.READ_WRITE_ONCE_POD),
      List.of(AccessMode.READ_WRITE_MANY),
      List.of(AccessMode.READ_ONLY_MANY),
      List.of(AccessMode.READ_WRITE_ONCE, AccessMode.READ_WRITE_MANY),
      List.of());
  private static final List<ClaimPhase> CLAIM_PHASES =
      List.of(ClaimPhase.BOUND, ClaimPhase.BOUND, ClaimPhase.BOUND, ClaimPhase.BOUND, ClaimPhase.BOUND,
          ClaimPhase.PENDING, ClaimPhase.LOST, ClaimPhase.UNKNOWN);
  private static final List<PodPhase> POD_PHASES = List.of(
      PodPhase.RUNNING, PodPhase.RUNNING, PodPhase.RUNNING, PodPhase.RUNNING, PodPhase.PENDING, PodPhase.SUCCEEDED, PodPhase.FAILED, PodPhase.UNKNOWN);
  private static final List<String> OPERATORS = List.of("In", "NotIn", "Exists", "Gt");

  private ClusterGenerators() {}

  /** Clusters of up to {@code maxClaims} claims and {@code maxPods} pods. */
  public static Gen<GeneratedCluster> clusters(int maxClaims, int maxPods) {
    return source -> generate(source, maxClaims, maxPods);
  }

  /** Clusters of up to 8 claims and 12 pods: small enough to read, big enough for collisions. */
  public static Gen<GeneratedCluster> clusters() {
    return clusters(8, 12);
  }

  private static GeneratedCluster generate(RandomnessSource source, int maxClaims, int maxPods) {
    int claimCount = integers().between(0, maxClaims).generate(source);
    List<Claim> claims = new ArrayList<>();
    List<PersistentVolume> volumes = new ArrayList<>();
    for (int i = 0; i < claimCount; i++) {
      Claim claim = claim(source, i);
      claims.add(claim);
      boolean volumeMissing = chance(source, 10);
      if (claim.volumeName().isPresent() && !volumeMissing) {
        volumes.add(volume(source, claim.volumeName().get()));
      }
    }
    int podCount = integers().between(0, maxPods).generate(source);
    List<Pod> pods = new ArrayList<>();
    for (int i = 0; i < podCount; i++) {
      Pod pod = pod(source, i, claims);
      // Like a rollout's old and new pod: another pod, maybe on another node, mounting the same claims.
      if (!pods.isEmpty() && chance(source, 20)) {
        Pod original = pick(source, pods);
        pod = ImmutablePod.builder().from(pod).namespace(original.namespace()).claimVolumes(original.claimVolumes()).build();
      }
      pods.add(pod);
    }
    long seed = longs().all().generate(source);
    return new GeneratedCluster(ImmutableList.copyOf(claims), ImmutableList.copyOf(volumes), ImmutableList.copyOf(pods), seed);
  }

  private static Claim claim(RandomnessSource source, int index) {
    ClaimPhase phase = pick(source, CLAIM_PHASES);
    List<AccessMode> spec = pick(source, MODES);
    ImmutableClaim.Builder claim = Claim.builder()
        .namespace(pick(source, NAMESPACES))
        .name("claim-" + index)
        .phase(phase)
        .specAccessModes(spec);
    if (phase == ClaimPhase.BOUND || chance(source, 20)) {
      claim.volumeName("pv-" + index);
    }
    if (phase == ClaimPhase.BOUND && chance(source, 80)) {
      claim.statusAccessModes(chance(source, 85) ? spec : pick(source, MODES));
    }
    if (chance(source, 40)) {
      claim.putAnnotations(K8upAnnotations.BACKUP, pick(source, BACKUP_VALUES));
    }
    if (chance(source, 35)) {
      claim.putAnnotations(K8upAnnotations.HOSTNAME, pick(source, HOSTNAMES));
    }
    return claim.build();
  }

  private static PersistentVolume volume(RandomnessSource source, String name) {
    ImmutablePersistentVolume.Builder volume = PersistentVolume.builder().name(name);
    if (chance(source, 40)) {
      int terms = integers().between(1, 2).generate(source);
      for (int t = 0; t < terms; t++) {
        ImmutableNodeSelectorTerm.Builder term = NodeSelectorTerm.builder()
            .addMatchExpressions(NodeSelectorRequirement.of(
                K8upAnnotations.HOSTNAME_LABEL, pick(source, OPERATORS), List.of(pick(source, NODES))));
        if (chance(source, 30)) {
          term.addMatchFields(NodeSelectorRequirement.of("metadata.name", "In", List.of(pick(source, NODES))));
        }
        volume.addRequiredNodeAffinity(term.build());
      }
    }
    return volume.build();
  }

  private static Pod pod(RandomnessSource source, int index, List<Claim> claims) {
    String namespace = pick(source, NAMESPACES);
    List<String> claimsHere = claims.stream()
        .filter(claim -> claim.namespace().equals(namespace))
        .map(Claim::name)
        .collect(Collectors.toList());
    ImmutablePod.Builder pod = Pod.builder()
        .namespace(namespace)
        .name("pod-" + index)
        .phase(pick(source, POD_PHASES))
        .deleting(chance(source, 10));
    if (chance(source, 85)) {
      pod.nodeName(pick(source, NODES));
    }
    List<String> containers = chance(source, 90) ? List.of("app", "sidecar") : List.of();
    pod.containerNames(containers);
    int volumes = integers().between(0, 3).generate(source);
    for (int v = 0; v < volumes; v++) {
      boolean ghost = claimsHere.isEmpty() || chance(source, 10);
      String claim = ghost ? "ghost" : pick(source, claimsHere);
      pod.addClaimVolumes(PodVolume.of("volume-" + v, claim));
    }
    if (chance(source, 10)) {
      pod.putLabels(K8upAnnotations.MANAGED_BY_LABEL, K8upAnnotations.MANAGED_BY_VALUE);
    }
    if (chance(source, 25)) {
      pod.putAnnotations(K8upAnnotations.BACKUP_COMMAND, chance(source, 85) ? "dump --all" : " ");
      if (chance(source, 40)) {
        pod.putAnnotations(K8upAnnotations.BACKUP_COMMAND_CONTAINER, chance(source, 70) ? "sidecar" : "nope");
      }
      if (chance(source, 50)) {
        pod.putAnnotations(K8upAnnotations.FILE_EXTENSION, ".sql");
      }
    }
    Optional<String> owner = chance(source, 50) ? Optional.of(chance(source, 50) ? "uid-1" : "uid-2") : Optional.empty();
    pod.controllerUid(owner);
    return pod.build();
  }

  private static boolean chance(RandomnessSource source, int percent) {
    return integers().between(0, 99).generate(source) < percent;
  }

  private static <T> T pick(RandomnessSource source, List<T> options) {
    return options.get(integers().between(0, options.size() - 1).generate(source));
  }
}
