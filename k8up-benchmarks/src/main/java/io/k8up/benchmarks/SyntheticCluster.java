package io.k8up.benchmarks;

import io.k8up.core.model.AccessMode;
import io.k8up.core.model.Claim;
import io.k8up.core.model.ClaimPhase;
import io.k8up.core.model.ImmutableClaim;
import io.k8up.core.model.ImmutablePod;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.model.NodeSelectorRequirement;
import io.k8up.core.model.NodeSelectorTerm;
import io.k8up.core.model.PersistentVolume;
import io.k8up.core.model.Pod;
import io.k8up.core.model.PodPhase;
import io.k8up.core.model.PodVolume;
import io.k8up.core.snapshot.ClusterSnapshot;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Generates a deterministic synthetic cluster of {@code n} claims, each bound to its own
 * PersistentVolume, and {@code 2n} pods, spread over {@value #NAMESPACES} namespaces and
 * {@value #NODES} nodes, with a mix of cases that exercises every rule of the planner.
 *
 * <p>The same {@code n} and seed always give the same objects, so benchmark runs compare like with
 * like. The mix is described by {@link Kind}.
 */
public final class SyntheticCluster {

  /** The seed every benchmark uses. */
  public static final long SEED = 20240611L;

  static final int NAMESPACES = 50;
  static final int NODES = 200;

  /** What a generated claim is, and so which rule decides it; weights are per mille. */
  enum Kind {
    /** ReadWriteOnce, held by a Running pod: placed on its node (a few by two pods: ambiguous). */
    RWO_RUNNING(450),
    /** ReadWriteOnce, mounted only by a Pending pod. */
    RWO_PENDING(70),
    /** ReadWriteOncePod, held by a Running pod. */
    RWOP_RUNNING(50),
    /** ReadWriteMany: backed up anywhere; mounted by any number of pods. */
    RWX(130),
    /** Unmounted; its PV has a required nodeAffinity. */
    AFFINITY(100),
    /** Unmounted; annotated {@code k8up.io/hostname}. */
    HOSTNAME(60),
    /** Unmounted, nothing says where: fails with NO_NODE. */
    NO_HINT(50),
    /** Annotated {@code k8up.io/backup: "false"}. */
    OPTED_OUT(50),
    /** Pending, not Bound. */
    NOT_BOUND(40);

    final int weight;

    Kind(int weight) {
      this.weight = weight;
    }

    static Kind pick(Random random) {
      int roll = random.nextInt(1000);
      for (Kind kind : values()) {
        roll -= kind.weight;
        if (roll < 0) {
          return kind;
        }
      }
      throw new AssertionError("weights do not add up to 1000");
    }
  }

  private final List<Claim> claims;
  private final List<PersistentVolume> volumes;
  private final List<Pod> pods;

  private SyntheticCluster(List<Claim> claims, List<PersistentVolume> volumes, List<Pod> pods) {
    this.claims = claims;
    this.volumes = volumes;
    this.pods = pods;
  }

  /** The cluster of {@code claims} claims and twice as many pods, generated from {@link #SEED}. */
  public static SyntheticCluster generate(int claims) {
    return new Generator(claims, new Random(SEED)).generate();
  }

  /** The claims, in generation order (namespaces interleaved, so a snapshot must sort them). */
  public List<Claim> claims() {
    return claims;
  }

  /** One PersistentVolume per claim. */
  public List<PersistentVolume> volumes() {
    return volumes;
  }

  /** The pods, in generation order. */
  public List<Pod> pods() {
    return pods;
  }

  /** A snapshot of this cluster. */
  public ClusterSnapshot snapshot() {
    return ClusterSnapshot.of(claims, volumes, pods);
  }

  /** Builds one cluster; holds, per namespace, the claims still waiting for a pod to mount them. */
  private static final class Generator {
    private final int claimCount;
    private final Random random;
    private final List<Claim> claims = new ArrayList<>();
    private final List<PersistentVolume> volumes = new ArrayList<>();
    private final List<Pod> pods = new ArrayList<>();
    private final List<Deque<String>> awaitingRunning = perNamespace();
    private final List<Deque<String>> awaitingPending = perNamespace();
    private final List<List<String>> shared = new ArrayList<>();

    Generator(int claimCount, Random random) {
      this.claimCount = claimCount;
      this.random = random;
      for (int i = 0; i < NAMESPACES; i++) {
        shared.add(new ArrayList<>());
      }
    }

    SyntheticCluster generate() {
      for (int i = 0; i < claimCount; i++) {
        addClaim(i, Kind.pick(random));
      }
      for (int j = 0; j < 2 * claimCount; j++) {
        addPod(j);
      }
      for (int ns = 0; ns < NAMESPACES; ns++) {
        // A claim meant to be mounted but left unmounted would silently change the mix.
        if (!awaitingRunning.get(ns).isEmpty() || !awaitingPending.get(ns).isEmpty()) {
          throw new IllegalStateException("namespace " + namespace(ns) + " has too few pods for its claims");
        }
      }
      return new SyntheticCluster(List.copyOf(claims), List.copyOf(volumes), List.copyOf(pods));
    }

    private void addClaim(int i, Kind kind) {
      int ns = i % NAMESPACES;
      String name = String.format("data-%07d", i);
      String volumeName = String.format("pv-%07d", i);
      ImmutableClaim.Builder claim = Claim.builder().namespace(namespace(ns)).name(name);
      EnumSet<AccessMode> modes = EnumSet.of(AccessMode.READ_WRITE_ONCE);
      // Local volumes carry a nodeAffinity even when mounted; the mounting pod still wins.
      boolean affinity = kind == Kind.AFFINITY
          || (kind != Kind.HOSTNAME && kind != Kind.NO_HINT && random.nextInt(5) == 0);
      switch (kind) {
        case RWO_RUNNING:
          awaitingRunning.get(ns).add(name);
          if (random.nextInt(50) == 0) {
            awaitingRunning.get(ns).add(name); // mid-rollout: a second pod, likely on another node
          }
          break;
        case RWO_PENDING:
          awaitingPending.get(ns).add(name);
          break;
        case RWOP_RUNNING:
          modes = EnumSet.of(AccessMode.READ_WRITE_ONCE_POD);
          awaitingRunning.get(ns).add(name);
          break;
        case RWX:
          modes = EnumSet.of(AccessMode.READ_WRITE_MANY);
          shared.get(ns).add(name);
          break;
        case HOSTNAME:
          claim.putAnnotations(K8upAnnotations.HOSTNAME, node(random.nextInt(NODES)));
          break;
        case OPTED_OUT:
          claim.putAnnotations(K8upAnnotations.BACKUP, "false");
          break;
        default:
          break;
      }
      if (kind != Kind.OPTED_OUT && random.nextInt(10) == 0) {
        claim.putAnnotations(K8upAnnotations.BACKUP, "true");
      }
      claim.specAccessModes(modes);
      if (kind == Kind.NOT_BOUND) {
        claim.phase(ClaimPhase.PENDING);
      } else {
        claim.phase(ClaimPhase.BOUND).volumeName(volumeName).statusAccessModes(modes);
      }
      claims.add(claim.build());
      volumes.add(PersistentVolume.builder()
          .name(volumeName)
          .requiredNodeAffinity(affinity ? List.of(onNode(random.nextInt(NODES))) : List.of())
          .build());
    }

    private void addPod(int j) {
      int ns = j % NAMESPACES;
      String name = String.format("app-%07d", j);
      int roll = random.nextInt(100);
      PodPhase phase = roll < 80 ? PodPhase.RUNNING
          : roll < 90 ? PodPhase.PENDING
          : roll < 95 ? PodPhase.SUCCEEDED
          : PodPhase.FAILED;
      ImmutablePod.Builder pod = Pod.builder()
          .namespace(namespace(ns))
          .name(name)
          .phase(phase)
          .putLabels("app", "app-" + (j / (NAMESPACES * 3)))
          .deleting(random.nextInt(100) == 0)
          .addContainerNames("app");
      if (random.nextBoolean()) {
        pod.addContainerNames("sidecar");
      }
      if (phase != PodPhase.PENDING || random.nextBoolean()) {
        pod.nodeName(node(random.nextInt(NODES)));
      }
      if (random.nextInt(10) < 7) {
        // Pods come in controller groups of three, as replicas of a Deployment or StatefulSet.
        pod.controllerUid("uid-" + namespace(ns) + "-" + (j / (NAMESPACES * 3)));
      }
      if (phase == PodPhase.RUNNING && random.nextInt(100) == 0) {
        pod.putAnnotations(K8upAnnotations.BACKUP_COMMAND, "pg_dump app");
        pod.putAnnotations(K8upAnnotations.FILE_EXTENSION, ".sql");
      }
      int slots = volumeCount();
      for (int k = 0; k < slots; k++) {
        String volume = "vol-" + k;
        claimFor(ns, phase).ifPresent(claim -> pod.addClaimVolumes(PodVolume.of(volume, claim)));
      }
      pods.add(pod.build());
    }

    /** 0 to 3 claim volumes: 30% none, 40% one, 20% two, 10% three. */
    private int volumeCount() {
      int roll = random.nextInt(10);
      return roll < 3 ? 0 : roll < 7 ? 1 : roll < 9 ? 2 : 3;
    }

    /** The next claim a pod of {@code phase} mounts: one waiting for such a pod, else a shared one. */
    private Optional<String> claimFor(int ns, PodPhase phase) {
      Deque<String> waiting = phase == PodPhase.RUNNING ? awaitingRunning.get(ns)
          : phase == PodPhase.PENDING ? awaitingPending.get(ns)
          : null;
      if (waiting != null && !waiting.isEmpty()) {
        return Optional.of(waiting.poll());
      }
      List<String> pool = shared.get(ns);
      return pool.isEmpty() ? Optional.empty() : Optional.of(pool.get(random.nextInt(pool.size())));
    }

    private static NodeSelectorTerm onNode(int node) {
      return NodeSelectorTerm.builder()
          .addMatchExpressions(NodeSelectorRequirement.of(K8upAnnotations.HOSTNAME_LABEL, "In", List.of(node(node))))
          .build();
    }

    private static List<Deque<String>> perNamespace() {
      List<Deque<String>> queues = new ArrayList<>();
      for (int i = 0; i < NAMESPACES; i++) {
        queues.add(new ArrayDeque<>());
      }
      return queues;
    }

    private static String namespace(int ns) {
      return String.format("team-%02d", ns);
    }

    private static String node(int node) {
      return String.format("node-%03d", node);
    }
  }
}
