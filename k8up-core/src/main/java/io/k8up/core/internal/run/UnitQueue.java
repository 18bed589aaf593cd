package io.k8up.core.internal.run;

import com.google.common.math.LongMath;
import io.k8up.core.model.Claim;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.run.ProgressEvent;
import io.k8up.core.spi.RunContext;
import io.k8up.core.spi.RunId;
import io.k8up.core.snapshot.ClusterSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The units waiting for their turn, largest first, then by namespace and first claim, for a stable
 * order among equals; {@link StartOrder} decides which starts.
 */
final class UnitQueue implements Iterable<QueuedUnit> {

  private static final Comparator<QueuedUnit> LARGEST_FIRST = Comparator
      .comparingLong(QueuedUnit::size).reversed()
      .thenComparing(queued -> queued.unit().namespace())
      .thenComparing(queued -> queued.unit().claimNames().get(0));

  private final List<QueuedUnit> queue = new ArrayList<>();
  private final RunId runId;
  private final BackupToolSpec tool;
  private final Progress progress;

  UnitQueue(RunId runId, BackupToolSpec tool, Progress progress) {
    this.runId = runId;
    this.tool = tool;
    this.progress = progress;
  }

  /** Queues {@code units}, planned from {@code snapshot}; {@code firstStart} when their claims ran before. */
  void enqueue(List<BackupUnit> units, ClusterSnapshot snapshot, Optional<Instant> firstStart) {
    RunContext context = RunContext.of(runId, tool, snapshot);
    for (BackupUnit unit : units) {
      long size = unit.targets().stream()
          .mapToLong(target -> snapshot.claim(target.namespace(), target.name())
              .flatMap(Claim::requestedBytes).orElse(0L))
          .reduce(0L, LongMath::saturatedAdd);
      queue.add(new QueuedUnit(unit, context, size, firstStart));
      progress.emit(ProgressEvent.Type.QUEUED, unit, Optional.empty(), "");
    }
    queue.sort(LARGEST_FIRST);
  }

  /** Puts back a unit whose start was cut short, last. */
  void putBack(QueuedUnit queued) {
    queue.add(queued);
  }

  /** Takes {@code queued} out of the queue, to start it. */
  void remove(QueuedUnit queued) {
    queue.remove(queued);
  }

  boolean isEmpty() {
    return queue.isEmpty();
  }

  void clear() {
    queue.clear();
  }

  /** The units in turn order; {@link Iterator#remove()} takes one out. */
  @Override
  public Iterator<QueuedUnit> iterator() {
    return queue.iterator();
  }
}
