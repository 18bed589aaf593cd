package io.k8up.benchmarks;

import io.k8up.core.snapshot.ClusterSnapshot;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Prints the heap a snapshot of the 100,000-claim, 200,000-pod synthetic cluster retains, in MB:
 * the used heap after full collections with the snapshot alive, minus that before it was built.
 *
 * <p>The snapshot holds the generated objects, so this is the whole footprint of the cluster
 * picture, model objects included. Run with {@code -Xmx2g} or more; an argument sets the claim count.
 */
public final class SnapshotFootprint {

  private static final int DEFAULT_CLAIMS = 100_000;
  private static final double MB = 1024.0 * 1024.0;

  private SnapshotFootprint() {}

  public static void main(String[] args) {
    int claims = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_CLAIMS;
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long before = settledHeap(memory);
    // Only the snapshot, not the generator's lists, is kept, so only what it retains is counted.
    ClusterSnapshot snapshot = SyntheticCluster.generate(claims).snapshot();
    long after = settledHeap(memory);
    System.out.printf("claims=%d pods=%d volumes=%d%n",
        snapshot.claims().size(), snapshot.pods().size(), snapshot.volumes().size());
    System.out.printf("heap before=%.1f MB after=%.1f MB retained by snapshot=%.1f MB%n",
        before / MB, after / MB, (after - before) / MB);
    // Keeps the snapshot reachable until after the measurement.
    System.out.println("snapshot identity " + System.identityHashCode(snapshot));
  }

  /** The used heap after a few full collections, once it stops shrinking. */
  private static long settledHeap(MemoryMXBean memory) {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      long now = memory.getHeapMemoryUsage().getUsed();
      if (now >= used) {
        return now;
      }
      used = now;
    }
    return used;
  }
}
