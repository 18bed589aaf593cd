package io.k8up.core.internal.run;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import io.k8up.core.model.CommandTarget;
import io.k8up.core.model.Node;
import io.k8up.core.run.ExecutorOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which waiting units start now, and where each counts for the per-node limit: a pure function of
 * what waits, what runs and the limits. Claim units go first, in {@link StartOrder}; pods' backup
 * commands take the slots left. Each start counts against the limits of those decided after it.
 */
final class StartDecision {

  /** A claim unit to start, counted as {@code slot}. */
  record Start(QueuedUnit unit, NodeSlot slot) {}

  /** What starts, in order. */
  record Starts(ImmutableList<Start> claimUnits, ImmutableList<CommandTarget> commands) {}

  private final ExecutorOptions options;
  private final List<QueuedUnit> waiting;
  // What runs, and what this decision starts: a namespace and, if it counts against nodes, a slot each.
  private final List<String> namespaces = new ArrayList<>();
  private final List<NodeSlot> slots = new ArrayList<>();

  private StartDecision(List<QueuedUnit> waiting, List<Running> running, ExecutorOptions options) {
    this.options = options;
    this.waiting = new ArrayList<>(waiting);
    running.forEach(unit -> count(unit.namespace(), unit.nodeSlot()));
  }

  /**
   * What starts of {@code waitingUnits} and {@code waitingCommands}, in queue order each, with
   * {@code running} running, within {@code options}' limits.
   */
  static Starts decide(List<QueuedUnit> waitingUnits, List<CommandTarget> waitingCommands, List<Running> running,
      ExecutorOptions options) {
    return new StartDecision(waitingUnits, running, options).decide(waitingCommands);
  }

  private Starts decide(List<CommandTarget> waitingCommands) {
    ImmutableList.Builder<Start> units = ImmutableList.builder();
    for (QueuedUnit queued : StartOrder.of(List.copyOf(waiting), StartDecision::pinnedNode, options.maxPerNode())) {
      if (!hasRoom()) {
        break;
      }
      Optional<NodeSlot> slot = fitsNamespace(queued.unit().namespace()) ? slotIfFits(queued) : Optional.empty();
      if (slot.isPresent()) {
        waiting.remove(queued);
        units.add(new Start(queued, slot.get()));
        count(queued.unit().namespace(), slot);
      }
    }
    ImmutableList.Builder<CommandTarget> commands = ImmutableList.builder();
    for (CommandTarget command : waitingCommands) {
      if (!hasRoom()) {
        break;
      }
      if (fitsNamespace(command.namespace()) && command.node().map(nodeLoad()::fitsPinned).orElse(true)) {
        commands.add(command);
        count(command.namespace(), command.node().map(NodeSlot::pinned));
      }
    }
    return new Starts(units.build(), commands.build());
  }

  private void count(String namespace, Optional<NodeSlot> slot) {
    namespaces.add(namespace);
    slot.ifPresent(slots::add);
  }

  private boolean hasRoom() {
    return namespaces.size() < options.maxConcurrent();
  }

  private boolean fitsNamespace(String namespace) {
    return namespaces.stream().filter(namespace::equals).count() < options.maxPerNamespace().orElse(Integer.MAX_VALUE);
  }

  // A pinned unit starts where its node has room; a scheduled one, kept off the nodes that have none.
  private Optional<NodeSlot> slotIfFits(QueuedUnit queued) {
    NodeLoad load = nodeLoad();
    Optional<NodeSlot> pinned = plannedSlot(queued);
    if (pinned.isPresent()) {
      return pinned.filter(load::fits);
    }
    // Kept off every node the run knows of, a pod could only wait: it would go stale for nothing.
    // Without the Nodes, the run knows only those its pods name, and keeps to them: other nodes may
    // not exist (seen on a real scheduler: a pod kept off both nodes of a two-node cluster).
    Set<String> nodes = queued.context().snapshot().nodes().stream().map(Node::name).collect(Collectors.toSet());
    Set<String> candidates = nodes.isEmpty() ? load.knownNodes() : nodes;
    return load.exclusionsForScheduled()
        .filter(excluded -> candidates.isEmpty() || !excluded.containsAll(candidates))
        .map(excluded -> nodes.isEmpty() ? excluded : reserving(excluded, nodes))
        .map(NodeSlot::scheduled);
  }

  // Where the Nodes are known, nodes with pinned units waiting are kept free for them (see StartOrder).
  private ImmutableSet<String> reserving(ImmutableSet<String> excluded, Set<String> nodes) {
    ImmutableSet<String> more = ImmutableSet.<String>builder().addAll(excluded)
        .addAll(StartOrder.reserved(waiting, StartDecision::pinnedNode, excluded, nodes)).build();
    return more.containsAll(nodes) ? excluded : more;
  }

  private NodeLoad nodeLoad() {
    return NodeLoad.of(slots, options.maxPerNode());
  }

  /** The node {@code queued} is pinned to, by name or by an unresolved hostname, if it is. */
  static Optional<String> pinnedNode(QueuedUnit queued) {
    return plannedSlot(queued).flatMap(NodeSlot::pinned);
  }

  /** Where {@code queued} counts before it is placed, when it is pinned. */
  static Optional<NodeSlot> plannedSlot(QueuedUnit queued) {
    return NodeKeys.slot(queued.unit().placement(), queued.context().snapshot());
  }
}
