package io.k8up.core.internal.run;

import com.google.common.math.LongMath;
import io.k8up.core.model.Claim;
import io.k8up.core.model.CommandTarget;
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
import java.util.function.Consumer;
import java.util.Optional;

/**
 * The units waiting for their turn, of both kinds: claim units largest first, then by namespace and
 * first claim, for a stable order among equals ({@link StartOrder} decides which starts); pods'
 * backup commands in the order the plan gave them, taking the slots claim units leave.
 */
final class UnitQueue implements Iterable<QueuedUnit> {

  private static final Comparator<QueuedUnit> LARGEST_FIRST = Comparator
      .comparingLong(QueuedUnit::size).reversed()
      .thenComparing(queued -> queued.unit().namespace())
      .thenComparing(queued -> queued.unit().claimNames().get(0));

  private final List<QueuedUnit> queue = new ArrayList<>();
  private final List<CommandTarget> commands = new ArrayList<>();
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

  /** Queues a pod's backup command, after those queued before it. */
  void enqueue(CommandTarget command) {
    commands.add(command);
    progress.emitCommand(ProgressEvent.Type.QUEUED, command, "");
  }

  /** The waiting commands, in order, a copy. */
  List<CommandTarget> commands() {
    return List.copyOf(commands);
  }

  /** Takes {@code command} out of the queue, to start it. */
  void remove(CommandTarget command) {
    commands.remove(command);
  }

  /** Takes {@code queued} out of the queue, to start it. */
  void remove(QueuedUnit queued) {
    queue.remove(queued);
  }

  /** Whether no unit of either kind waits. */
  boolean isEmpty() {
    return queue.isEmpty() && commands.isEmpty();
  }

  /** Empties the queue, giving each command that never started to {@code notStarted}. */
  void clear(Consumer<CommandTarget> notStarted) {
    queue.clear();
    commands.forEach(notStarted);
    commands.clear();
  }

  /** The claim units in turn order; {@link Iterator#remove()} takes one out. */
  @Override
  public Iterator<QueuedUnit> iterator() {
    return queue.iterator();
  }
}
