package io.k8up.core.internal.run;

import static io.k8up.core.testing.Fixtures.boundClaim;
import static io.k8up.core.testing.Fixtures.runningPod;
import static io.k8up.core.testing.Fixtures.volumeFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.k8up.core.model.AccessMode;
import io.k8up.core.model.Claim;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.model.Node;
import io.k8up.core.model.PersistentVolume;
import io.k8up.core.model.Pod;
import io.k8up.core.run.BackupReport;
import io.k8up.core.run.ExecutorOptions;
import io.k8up.core.run.OutcomeStatus;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.testing.Fixtures;
import io.k8up.core.testing.SimulatedCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The backup window: the engine on a fake clock runs skewed clusters, and the makespan is set
 * against its lower bound, the largest of the busiest node's work over the per-node limit, all work
 * over the overall limit, and the longest single backup. A backup takes one minute per GiB its
 * claim requests. Prints one line per cluster and a summary; see {@code docs/performance.md}.
 *
 * <p>Run: {@code mvn -o -pl k8up-core test -Dtest=BackupWindowBenchmark}.
 */
@Timeout(600)
class BackupWindowBenchmark {

  private static final long GIB = 1L << 30;
  private static final int RANDOM_CLUSTERS = 40;

  /** One cluster to back up: claims by node ({@code null}: shared, placed anywhere) and their sizes in GiB. */
  record Cluster(String name, List<String> nodes, Map<String, String> nodeByClaim, Map<String, Integer> gib) {}

  record Result(Cluster cluster, Duration makespan, Duration bound) {
    double ratio() {
      return (double) makespan.toSeconds() / bound.toSeconds();
    }
  }

  @Test
  void makespanAgainstTheLowerBound() {
    List<Result> results = new ArrayList<>();
    ExecutorOptions options = ExecutorOptions.builder().pollInterval(Duration.ofSeconds(5))
        .unitTimeout(Duration.ofDays(1)).build();
    results.add(run(skewed(), options));
    Random random = new Random(12);
    for (int i = 0; i < RANDOM_CLUSTERS; i++) {
      results.add(run(random(i, random), options));
    }
    System.out.println("cluster                nodes claims  bound(min)  makespan(min)  over");
    for (Result result : results) {
      System.out.printf(Locale.ROOT, "%-22s %5d %6d %11.1f %14.1f %5.1f%%%n", result.cluster().name(),
          result.cluster().nodes().size(), result.cluster().gib().size(), result.bound().toSeconds() / 60.0,
          result.makespan().toSeconds() / 60.0, (result.ratio() - 1) * 100);
    }
    double mean = results.stream().mapToDouble(Result::ratio).average().orElseThrow();
    double worst = results.stream().mapToDouble(Result::ratio).max().orElseThrow();
    System.out.printf(Locale.ROOT, "mean over the bound %.1f%%, worst %.1f%% (per-node limit %d, overall %d)%n",
        (mean - 1) * 100, (worst - 1) * 100, options.maxPerNode(), options.maxConcurrent());
    assertThat(results).allSatisfy(result -> assertThat(result.makespan()).isGreaterThanOrEqualTo(result.bound()));
  }

  /** The case from the issue: one node with 5 mounted claims, one with 2, one with 1. */
  private static Cluster skewed() {
    Map<String, String> nodeByClaim = new HashMap<>();
    Map<String, Integer> gib = new HashMap<>();
    int[] claimsPerNode = {5, 2, 1};
    int[] sizes = {40, 30, 20, 10, 10, 50, 10, 30};
    int claim = 0;
    for (int node = 0; node < claimsPerNode.length; node++) {
      for (int i = 0; i < claimsPerNode[node]; i++, claim++) {
        nodeByClaim.put("claim-" + claim, "node-" + node);
        gib.put("claim-" + claim, sizes[claim]);
      }
    }
    return new Cluster("skewed 5/2/1", List.of("node-0", "node-1", "node-2"), nodeByClaim, gib);
  }

  // Heavy-tailed sizes (Pareto, alpha 1.2, from 1 GiB, at most 500), claims on nodes by a skewed choice, a fifth shared.
  private static Cluster random(int index, Random random) {
    int nodeCount = 3 + random.nextInt(6);
    List<String> nodes = new ArrayList<>();
    for (int i = 0; i < nodeCount; i++) {
      nodes.add("node-" + i);
    }
    int claims = 10 + random.nextInt(31);
    Map<String, String> nodeByClaim = new HashMap<>();
    Map<String, Integer> gib = new HashMap<>();
    for (int i = 0; i < claims; i++) {
      String name = "claim-" + i;
      double skew = Math.pow(random.nextDouble(), 2);
      nodeByClaim.put(name, random.nextInt(5) == 0 ? null : nodes.get((int) (skew * nodeCount)));
      gib.put(name, (int) Math.min(500, Math.ceil(Math.pow(1 - random.nextDouble(), -1 / 1.2))));
    }
    return new Cluster("random " + index, nodes, nodeByClaim, gib);
  }

  private static Result run(Cluster cluster, ExecutorOptions options) {
    World world = new World();
    List<Claim> claims = new ArrayList<>();
    List<PersistentVolume> volumes = new ArrayList<>();
    List<Pod> pods = new ArrayList<>();
    cluster.nodeByClaim().forEach((claim, node) -> {
      claims.add(boundClaim(claim, node == null ? AccessMode.READ_WRITE_MANY : AccessMode.READ_WRITE_ONCE)
          .requestedBytes(cluster.gib().get(claim) * GIB).build());
      volumes.add(volumeFor(claim).build());
      if (node != null) {
        pods.add(runningPod("app-" + claim, node, claim).build());
      }
    });
    ClusterSnapshot snapshot = ClusterSnapshot.of(claims, volumes, pods)
        .withNodes(cluster.nodes().stream().<Node>map(node -> Fixtures.node(node).build()).toList());
    SimulatedCluster simulated = new SimulatedCluster(world.api, world.clock, Fixtures.NAMESPACE, cluster.nodes(),
        job -> Duration.ofMinutes(cluster.gib().get(job.getAsJsonObject("metadata").getAsJsonObject("annotations")
            .get(K8upAnnotations.CLAIMS_ANNOTATION).getAsString())).toMillis());

    BackupReport report = world.run(simulated, snapshot, options, EngineTest.same(snapshot));

    assertThat(report.outcomes()).allSatisfy(outcome -> assertThat(outcome.status()).isEqualTo(OutcomeStatus.SUCCEEDED));
    return new Result(cluster, report.duration(), bound(cluster, options));
  }

  private static Duration bound(Cluster cluster, ExecutorOptions options) {
    Map<String, Integer> perNode = new HashMap<>();
    cluster.nodeByClaim().forEach((claim, node) -> {
      if (node != null) {
        perNode.merge(node, cluster.gib().get(claim), Integer::sum);
      }
    });
    int all = cluster.gib().values().stream().mapToInt(Integer::intValue).sum();
    double busiest = perNode.values().stream().mapToInt(Integer::intValue).max().orElse(0) / (double) options.maxPerNode();
    int largest = cluster.gib().values().stream().mapToInt(Integer::intValue).max().orElse(0);
    double minutes = Math.max(Math.max(busiest, all / (double) options.maxConcurrent()), largest);
    return Duration.ofSeconds((long) Math.ceil(minutes * 60));
  }

  /** A fresh in-memory cluster for one run. */
  private static final class World extends EngineTest {}
}
