package io.k8up.core.snapshot;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.collect.ImmutableList.toImmutableList;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.common.base.Throwables;
import io.k8up.core.model.Claim;
import io.k8up.core.model.ClusterCapabilities;
import io.k8up.core.model.Node;
import io.k8up.core.model.PersistentVolume;
import io.k8up.core.model.Pod;
import io.k8up.core.model.PodVolume;
import io.k8up.core.model.SnapshotClass;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * An immutable picture of the claims, volumes and pods the planner reads, indexed once so that
 * planning costs time linear in claims plus pods, and optionally of the cluster's Nodes, which
 * strategies may read to tolerate a node's taints.
 *
 * <p>Claims and pods are kept sorted by namespace and name, nodes by name, whatever order they
 * were given in, so a plan does not depend on input order. Build one with {@link #of} (and {@link
 * #withNodes}), from a file with {@link SnapshotFiles}, or from a live cluster with {@link
 * LiveSnapshots}. Instances are thread-safe.
 */
public final class ClusterSnapshot {

  // Written out rather than Comparator.comparing(…).thenComparing(…): sorting 100,000 objects
  // calls them millions of times, and the chained lambdas cost several times as much.
  private static final Comparator<Claim> CLAIM_ORDER = (a, b) -> {
    int byNamespace = a.namespace().compareTo(b.namespace());
    return byNamespace != 0 ? byNamespace : a.name().compareTo(b.name());
  };
  private static final Comparator<Pod> POD_ORDER = (a, b) -> {
    int byNamespace = a.namespace().compareTo(b.namespace());
    return byNamespace != 0 ? byNamespace : a.name().compareTo(b.name());
  };

  // Claims beyond this many are sorted on another thread.
  private static final int SORTED_APART = 10_000;

  private final ImmutableList<Claim> claims;
  private final ImmutableMap<String, PersistentVolume> volumesByName;
  private final ImmutableList<Pod> pods;
  private final ImmutableList<String> notes;
  private final Map<String, Map<String, ImmutableList<Pod>>> podsByNamespaceAndClaim;
  private final ClusterWide clusterWide;

  private ClusterSnapshot(
      ImmutableList<Claim> sortedClaims,
      ImmutableMap<String, PersistentVolume> volumesByName,
      ImmutableList<Pod> sortedPods,
      Map<String, Map<String, ImmutableList<Pod>>> podsByNamespaceAndClaim,
      ClusterWide clusterWide,
      ImmutableList<String> notes) {
    this.claims = sortedClaims;
    this.volumesByName = volumesByName;
    this.pods = sortedPods;
    this.notes = notes;
    this.podsByNamespaceAndClaim = podsByNamespaceAndClaim;
    this.clusterWide = clusterWide;
  }

  // Shares claims, volumes and pods, so adding a cluster-wide part does not index the pods again.
  private ClusterSnapshot(ClusterSnapshot snapshot, ClusterWide clusterWide) {
    this.claims = snapshot.claims;
    this.volumesByName = snapshot.volumesByName;
    this.pods = snapshot.pods;
    this.notes = snapshot.notes;
    this.podsByNamespaceAndClaim = snapshot.podsByNamespaceAndClaim;
    this.clusterWide = clusterWide;
  }

  /**
   * A snapshot of these objects, without nodes; add them with {@link #withNodes}.
   *
   * @param notes what a reader wants the user to know about how the snapshot was made, such as
   *     objects it ignored
   * @throws IllegalArgumentException if two claims, two volumes or two pods share a name (within a
   *     namespace for claims and pods)
   */
  public static ClusterSnapshot of(
      Collection<Claim> claims,
      Collection<PersistentVolume> volumes,
      Collection<Pod> pods,
      Collection<String> notes) {
    // A large snapshot's claims are sorted on the common fork-join pool while its pods are sorted
    // and indexed here: both take a tenth of a second or more for 100,000.
    CompletableFuture<ImmutableList<Claim>> sortedClaims = claims.size() < SORTED_APART
        ? CompletableFuture.completedFuture(sortedClaims(claims))
        : CompletableFuture.supplyAsync(() -> sortedClaims(claims));
    ImmutableList<Pod> sortedPods;
    Map<String, PersistentVolume> byName = new HashMap<>();
    try {
      sortedPods = sortedPods(pods);
      for (PersistentVolume volume : volumes) {
        checkArgument(byName.put(volume.name(), volume) == null,
            "two PersistentVolumes are named %s", volume.name());
      }
    } catch (IllegalArgumentException e) {
      // Two claims of one name are said first, as they are when sorted here.
      claimsSorted(sortedClaims);
      throw e;
    }
    return new ClusterSnapshot(claimsSorted(sortedClaims), ImmutableMap.copyOf(byName),
        sortedPods, indexPodsByClaim(sortedPods), ClusterWide.NONE, ImmutableList.copyOf(notes));
  }

  // The claims sorted on the pool, or the problem found there.
  private static ImmutableList<Claim> claimsSorted(CompletableFuture<ImmutableList<Claim>> sorting) {
    try {
      return sorting.join();
    } catch (CompletionException e) {
      Throwables.throwIfUnchecked(e.getCause());
      throw e;
    }
  }

  private static ImmutableList<Claim> sortedClaims(Collection<Claim> claims) {
    return sortedUnique(claims, CLAIM_ORDER, "PersistentVolumeClaims", Claim::namespace, Claim::name);
  }

  private static ImmutableList<Pod> sortedPods(Collection<Pod> pods) {
    return sortedUnique(pods, POD_ORDER, "Pods", Pod::namespace, Pod::name);
  }

  // Sorted by namespace and name, where no two may share both.
  private static <T> ImmutableList<T> sortedUnique(Collection<T> objects, Comparator<T> order, String kinds,
      Function<T, String> namespace, Function<T, String> name) {
    ImmutableList<T> sorted = ImmutableList.sortedCopyOf(order, objects);
    for (int i = 1; i < sorted.size(); i++) {
      if (order.compare(sorted.get(i - 1), sorted.get(i)) == 0) {
        throw new IllegalArgumentException(String.format(
            "two %s are named %s/%s", kinds, namespace.apply(sorted.get(i)), name.apply(sorted.get(i))));
      }
    }
    return sorted;
  }

  /** A snapshot of these objects, without nodes and notes. */
  public static ClusterSnapshot of(
      Collection<Claim> claims, Collection<PersistentVolume> volumes, Collection<Pod> pods) {
    return of(claims, volumes, pods, ImmutableList.of());
  }

  /** An empty snapshot. */
  public static ClusterSnapshot empty() {
    return of(ImmutableList.of(), ImmutableList.of(), ImmutableList.of());
  }

  private static Map<String, Map<String, ImmutableList<Pod>>> indexPodsByClaim(List<Pod> sortedPods) {
    Map<String, Map<String, List<Pod>>> index = new HashMap<>();
    for (Pod pod : sortedPods) {
      Map<String, List<Pod>> byClaim = null;
      for (PodVolume volume : pod.claimVolumes()) {
        if (byClaim == null) {
          byClaim = index.computeIfAbsent(pod.namespace(), namespace -> new HashMap<>());
        }
        List<Pod> mounting = byClaim.computeIfAbsent(volume.claimName(), claim -> new ArrayList<>(1));
        // A pod that names one claim in two volumes mounts it once.
        if (mounting.isEmpty() || mounting.get(mounting.size() - 1) != pod) {
          mounting.add(pod);
        }
      }
    }
    Map<String, Map<String, ImmutableList<Pod>>> immutable = new HashMap<>(index.size() * 2);
    index.forEach((namespace, byClaim) -> {
      Map<String, ImmutableList<Pod>> copy = new HashMap<>(byClaim.size() * 2);
      byClaim.forEach((claim, mounting) -> copy.put(claim, ImmutableList.copyOf(mounting)));
      immutable.put(namespace, copy);
    });
    return immutable;
  }

  /** Every claim, sorted by namespace and name. */
  public ImmutableList<Claim> claims() {
    return claims;
  }

  /** Every PersistentVolume. */
  public ImmutableList<PersistentVolume> volumes() {
    return volumesByName.values().asList();
  }

  /** The PersistentVolume named {@code name}, if the snapshot holds it. */
  public Optional<PersistentVolume> volume(String name) {
    return Optional.ofNullable(volumesByName.get(name));
  }

  /** Every pod, sorted by namespace and name. */
  public ImmutableList<Pod> pods() {
    return pods;
  }

  /**
   * The pods whose volumes name the claim {@code namespace/claimName}, in any phase, sorted by
   * name.
   */
  public ImmutableList<Pod> podsMounting(String namespace, String claimName) {
    Map<String, ImmutableList<Pod>> byClaim = podsByNamespaceAndClaim.get(namespace);
    if (byClaim == null) {
      return ImmutableList.of();
    }
    ImmutableList<Pod> mounting = byClaim.get(claimName);
    return mounting == null ? ImmutableList.of() : mounting;
  }

  /**
   * This snapshot with {@code nodes} as its Nodes, in place of those it held; claims, volumes, pods
   * and notes are shared, not copied.
   *
   * @throws IllegalArgumentException if two nodes share a name
   * @throws NullPointerException if {@code nodes} is or holds null
   */
  public ClusterSnapshot withNodes(Collection<Node> nodes) {
    NodeIndex indexed = NodeIndex.of(nodes);
    return indexed == clusterWide.nodes() ? this : new ClusterSnapshot(this, clusterWide.withNodes(indexed));
  }

  /**
   * This snapshot with {@code capabilities}, as discovery found them ({@link
   * LiveSnapshots#discover}); claims, volumes, pods, nodes and notes are shared.
   */
  public ClusterSnapshot withCapabilities(ClusterCapabilities capabilities) {
    return new ClusterSnapshot(this, clusterWide.withCapabilities(checkNotNull(capabilities, "capabilities")));
  }

  /** What the API server serves, if discovered; {@link ClusterCapabilities#unknown()} otherwise. */
  public ClusterCapabilities capabilities() {
    return clusterWide.capabilities();
  }

  /**
   * This snapshot with {@code classes} as its VolumeSnapshotClasses, sorted by name; claims,
   * volumes, pods, nodes and notes are shared.
   *
   * @throws IllegalArgumentException if two classes share a name
   */
  public ClusterSnapshot withSnapshotClasses(Collection<SnapshotClass> classes) {
    List<SnapshotClass> sorted = new ArrayList<>(classes);
    sorted.sort(Comparator.comparing(SnapshotClass::name));
    for (int i = 1; i < sorted.size(); i++) {
      checkArgument(!sorted.get(i - 1).name().equals(sorted.get(i).name()),
          "two VolumeSnapshotClasses are named %s", sorted.get(i).name());
    }
    return new ClusterSnapshot(this, clusterWide.withSnapshotClasses(ImmutableList.copyOf(sorted)));
  }

  /**
   * The VolumeSnapshotClasses, sorted by name; empty unless the reader was asked for them (files
   * always keep theirs).
   */
  public ImmutableList<SnapshotClass> snapshotClasses() {
    return clusterWide.snapshotClasses();
  }

  /**
   * Every Node, sorted by name; empty unless the reader was asked to read Nodes (files always keep
   * theirs).
   */
  public ImmutableList<Node> nodes() {
    return clusterWide.nodes().sorted();
  }

  /** The claim {@code namespace/name}, if the snapshot holds it; a binary search, as claims are sorted. */
  public Optional<Claim> claim(String namespace, String name) {
    int low = 0;
    int high = claims.size() - 1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      Claim claim = claims.get(middle);
      int order = claim.namespace().compareTo(namespace);
      if (order == 0) {
        order = claim.name().compareTo(name);
      }
      if (order < 0) {
        low = middle + 1;
      } else if (order > 0) {
        high = middle - 1;
      } else {
        return Optional.of(claim);
      }
    }
    return Optional.empty();
  }

  /** The Node named {@code name}, if the snapshot holds it. */
  public Optional<Node> node(String name) {
    return Optional.ofNullable(clusterWide.nodes().byName().get(name));
  }

  /**
   * The Node whose {@code kubernetes.io/hostname} label is {@code hostname}, if the snapshot holds
   * one; of several, the first by name.
   */
  public Optional<Node> nodeWithHostname(String hostname) {
    return Optional.ofNullable(clusterWide.nodes().byHostname().get(hostname));
  }

  /** What the reader that built this snapshot wants the user to know, such as ignored objects. */
  public ImmutableList<String> notes() {
    return notes;
  }

  /**
   * This snapshot restricted to the given namespaces; what belongs to no namespace
   * (PersistentVolumes, Nodes, VolumeSnapshotClasses, capabilities) is all kept.
   */
  public ClusterSnapshot inNamespaces(Collection<String> namespaces) {
    Set<String> wanted = ImmutableSet.copyOf(namespaces);
    ImmutableList<Pod> kept =
        pods.stream().filter(pod -> wanted.contains(pod.namespace())).collect(toImmutableList());
    return new ClusterSnapshot(
        claims.stream().filter(claim -> wanted.contains(claim.namespace())).collect(toImmutableList()),
        volumesByName,
        kept,
        indexPodsByClaim(kept),
        clusterWide,
        notes);
  }
}
