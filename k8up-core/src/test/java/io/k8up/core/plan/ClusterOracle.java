package io.k8up.core.plan;

import io.k8up.core.model.AccessMode;
import io.k8up.core.model.Claim;
import io.k8up.core.model.ClaimPhase;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.model.PersistentVolume;
import io.k8up.core.model.Pod;
import io.k8up.core.model.PodPhase;
import io.k8up.core.testing.GeneratedCluster;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The situation of one claim in a generated cluster, worked out by brute force straight from the
 * rule text (scanning every pod), independently of the planner's indexes.
 */
record ClusterOracle(GeneratedCluster cluster, Claim claim) {

  String backupAnnotation() {
    return claim.annotations().get(K8upAnnotations.BACKUP);
  }

  boolean optedOut() {
    return backupAnnotation() != null && backupAnnotation().equalsIgnoreCase("false");
  }

  /** Absent, or true in any case: the claim goes on to the next rule. */
  boolean annotationLetsThrough() {
    return backupAnnotation() == null || backupAnnotation().equalsIgnoreCase("true");
  }

  boolean bound() {
    return claim.phase() == ClaimPhase.BOUND;
  }

  Optional<PersistentVolume> volume() {
    return cluster.volumes().stream()
        .filter(volume -> claim.volumeName().map(volume.name()::equals).orElse(false))
        .findFirst();
  }

  Set<AccessMode> modes() {
    return claim.statusAccessModes().isEmpty() ? claim.specAccessModes() : claim.statusAccessModes();
  }

  boolean shared() {
    return modes().contains(AccessMode.READ_WRITE_MANY) || modes().contains(AccessMode.READ_ONLY_MANY);
  }

  /** Bound, annotation fine, volume present, not shared: node resolution decides. */
  boolean needsNode() {
    return annotationLetsThrough() && bound() && volume().isPresent() && !shared();
  }

  /** Running holders if any, else Pending ones, per the rule text. */
  List<Pod> holders() {
    List<Pod> mounting = cluster.pods().stream()
        .filter(pod -> pod.namespace().equals(claim.namespace()))
        .filter(pod -> pod.claimVolumes().stream().anyMatch(volume -> volume.claimName().equals(claim.name())))
        .filter(pod -> pod.nodeName().isPresent())
        .filter(pod -> pod.phase() != PodPhase.SUCCEEDED && pod.phase() != PodPhase.FAILED)
        .filter(pod -> !pod.deleting())
        .filter(pod -> !"k8up-rwo".equals(pod.labels().get("app.kubernetes.io/managed-by")))
        .collect(Collectors.toList());
    List<Pod> running = mounting.stream().filter(pod -> pod.phase() == PodPhase.RUNNING).collect(Collectors.toList());
    return !running.isEmpty()
        ? running
        : mounting.stream().filter(pod -> pod.phase() == PodPhase.PENDING).collect(Collectors.toList());
  }

  /** Node resolution decides, and no pod holds the claim: the later rules place it. */
  boolean unmounted() {
    return needsNode() && holders().isEmpty();
  }

  Set<String> holderNodes() {
    return holders().stream().map(pod -> pod.nodeName().orElseThrow()).collect(Collectors.toCollection(TreeSet::new));
  }

  boolean holderHasBackupCommand() {
    return holders().stream().anyMatch(pod -> pod.annotations().containsKey(K8upAnnotations.BACKUP_COMMAND));
  }

  boolean volumeHasAffinity() {
    return volume().map(volume -> !volume.requiredNodeAffinity().isEmpty()).orElse(false);
  }

  Optional<String> hostnameAnnotation() {
    return Optional.ofNullable(claim.annotations().get(K8upAnnotations.HOSTNAME));
  }
}
