package io.k8up.core.testing;

import static java.util.stream.Collectors.joining;

import com.google.common.collect.ImmutableList;
import io.k8up.core.model.Claim;
import io.k8up.core.model.PersistentVolume;
import io.k8up.core.model.Pod;
import io.k8up.core.snapshot.ClusterSnapshot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** A cluster made by {@link ClusterGenerators}, kept as lists so tests can reorder it. */
public record GeneratedCluster(
    ImmutableList<Claim> claims, ImmutableList<PersistentVolume> volumes, ImmutableList<Pod> pods, long shuffleSeed) {

  public ClusterSnapshot snapshot() {
    return ClusterSnapshot.of(claims, volumes, pods);
  }

  /** The same objects in another order, chosen by the generated seed. */
  public ClusterSnapshot shuffledSnapshot() {
    Random random = new Random(shuffleSeed);
    return ClusterSnapshot.of(shuffled(claims, random), shuffled(volumes, random), shuffled(pods, random));
  }

  private static <T> List<T> shuffled(List<T> items, Random random) {
    List<T> copy = new ArrayList<>(items);
    Collections.shuffle(copy, random);
    return copy;
  }

  /** A compact form for the shrinker's report. */
  @Override
  public String toString() {
    return "claims:\n" + claims.stream().map(GeneratedCluster::describe).collect(joining("\n"))
        + "\nvolumes:\n" + volumes.stream().map(v -> "  " + v.name() + " affinity=" + v.requiredNodeAffinity())
            .collect(joining("\n"))
        + "\npods:\n" + pods.stream().map(GeneratedCluster::describe).collect(joining("\n"));
  }

  private static String describe(Claim claim) {
    return "  " + claim.namespace() + "/" + claim.name() + " " + claim.phase() + " volume=" + claim.volumeName()
        + " spec=" + claim.specAccessModes() + " status=" + claim.statusAccessModes() + " " + claim.annotations();
  }

  private static String describe(Pod pod) {
    return "  " + pod.namespace() + "/" + pod.name() + " " + pod.phase() + " node=" + pod.nodeName()
        + (pod.deleting() ? " deleting" : "") + " volumes=" + pod.claimVolumes() + " containers="
        + pod.containerNames() + " owner=" + pod.controllerUid() + " " + pod.annotations() + " " + pod.labels();
  }
}
