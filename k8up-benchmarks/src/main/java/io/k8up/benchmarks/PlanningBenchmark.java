package io.k8up.benchmarks;

import io.k8up.core.model.Claim;
import io.k8up.core.model.Pod;
import io.k8up.core.model.PodVolume;
import io.k8up.core.plan.BackupPlan;
import io.k8up.core.plan.BackupPlanner;
import io.k8up.core.snapshot.ClusterSnapshot;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Measures planning a synthetic cluster against a bare loop over the same snapshot, and building
 * the snapshot itself, so that one JMH run gives every number {@code docs/performance.md} compares.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PlanningBenchmark {

  /** The number of claims; the cluster has twice as many pods. */
  @Param({"10000", "100000"})
  public int claims;

  private SyntheticCluster cluster;
  private ClusterSnapshot snapshot;
  private BackupPlanner planner;

  @Setup(Level.Trial)
  public void setUp() {
    cluster = SyntheticCluster.generate(claims);
    snapshot = cluster.snapshot();
    planner = BackupPlanner.builder().build();
  }

  /** Plans every claim and every pod of the snapshot. */
  @Benchmark
  public BackupPlan plan() {
    return planner.plan(snapshot);
  }

  /**
   * The baseline: reads each pod volume's claim name and each claim's name once, in snapshot order,
   * and nothing else. String hashes are cached, so this costs the walk over the objects.
   */
  @Benchmark
  public void bareLoop(Blackhole blackhole) {
    int volumes = 0;
    for (Pod pod : snapshot.pods()) {
      for (PodVolume volume : pod.claimVolumes()) {
        volumes = 31 * volumes + volume.claimName().hashCode();
      }
    }
    int claimNames = 0;
    for (Claim claim : snapshot.claims()) {
      claimNames = 31 * claimNames + claim.name().hashCode();
    }
    blackhole.consume(volumes);
    blackhole.consume(claimNames);
  }

  /** Builds the snapshot from the generated lists: sorting, duplicate checks and indexing. */
  @Benchmark
  public ClusterSnapshot buildSnapshot() {
    return ClusterSnapshot.of(cluster.claims(), cluster.volumes(), cluster.pods());
  }
}
