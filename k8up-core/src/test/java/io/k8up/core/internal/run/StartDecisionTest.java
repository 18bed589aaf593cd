package io.k8up.core.internal.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.google.common.collect.ImmutableSet;
import io.k8up.core.model.AccessMode;
import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.CommandTarget;
import io.k8up.core.model.Node;
import io.k8up.core.model.Placement;
import io.k8up.core.run.ExecutorOptions;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.RunContext;
import io.k8up.core.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Which waiting units start, as the pure function it is: whatever waits and runs, the starts keep
 * every limit, and a run with nothing running always starts something.
 */
class StartDecisionTest {

  private static final List<String> NODES = List.of("node-1", "node-2", "node-3");
  private static final List<String> NAMESPACES = List.of("a", "b");
  private static final ClusterSnapshot WITH_NODES = ClusterSnapshot.of(List.of(), List.of(), List.of())
      .withNodes(NODES.stream().<Node>map(node -> Fixtures.node(node).build()).toList());

  /** A waiting unit: its namespace, the node it is pinned to (or none, or an unknown hostname), its size. */
  private record Waiting(int namespace, int node, int size) {}

  /** A running unit: its namespace, and where it counts (a node; or scheduled, kept off one node or none). */
  private record Run(int namespace, int node, boolean command) {}

  private record Limits(int concurrent, int perNode, int perNamespace) {}

  private static Gen<Limits> limits() {
    return integers().between(1, 6).zip(integers().between(1, 3), integers().between(0, 3), Limits::new);
  }

  private static Gen<List<Waiting>> waiting() {
    return lists().of(integers().between(0, 1).zip(integers().between(0, NODES.size() + 1), integers().between(1, 50),
        Waiting::new)).ofSizeBetween(0, 12);
  }

  private static Gen<List<Run>> running() {
    return lists().of(integers().between(0, 1).zip(integers().between(0, NODES.size() * 2), integers().between(0, 1),
        (namespace, node, command) -> new Run(namespace, node, command == 1))).ofSizeBetween(0, 6);
  }

  private static QueuedUnit unit(int index, Waiting waiting) {
    // Past the nodes: placed by the scheduler, or pinned by a hostname no Node carries.
    Placement placement = waiting.node() < NODES.size() ? Placement.onPodNode(NODES.get(waiting.node()), false)
        : waiting.node() == NODES.size() ? Placement.anywhere() : Placement.onHostname("elsewhere");
    ClaimTarget target = ClaimTarget.builder().namespace(NAMESPACES.get(waiting.namespace())).name("claim-" + index)
        .volumeName("pv-" + index).accessModes(List.of(AccessMode.READ_WRITE_ONCE)).placement(placement).build();
    return new QueuedUnit(BackupUnit.of("jobs", List.of(target)),
        RunContext.of(EngineTest.RUN, EngineTest.TOOL, WITH_NODES), waiting.size(), Optional.empty());
  }

  private static Running running(int index, Run run) {
    String namespace = NAMESPACES.get(run.namespace());
    Optional<NodeSlot> slot = run.node() < NODES.size() ? Optional.of(NodeSlot.pinned(NODES.get(run.node())))
        : Optional.of(NodeSlot.scheduled(run.node() == NODES.size() ? ImmutableSet.of()
            : ImmutableSet.of(NODES.get(run.node() % NODES.size()))));
    Optional<NodeSlot> counted = run.command() ? slot.filter(at -> at.pinned().isPresent()) : slot;
    return new Running() {
      @Override
      public String key() {
        return "running-" + index;
      }

      @Override
      public String namespace() {
        return namespace;
      }

      @Override
      public Optional<NodeSlot> nodeSlot() {
        return counted;
      }
    };
  }

  private static CommandTarget command(int index, Waiting waiting) {
    return CommandTarget.builder().namespace(NAMESPACES.get(waiting.namespace())).name("pod-" + index)
        .command("pg_dumpall").container("db")
        .node(waiting.node() < NODES.size() ? Optional.of(NODES.get(waiting.node())) : Optional.empty()).build();
  }

  @Test
  void startsKeepEveryLimitAndARunWithNothingRunningAlwaysStartsSomething() {
    qt().withExamples(500).forAll(waiting(), waiting(), running(), limits()).checkAssert((units, pods, run, limits) -> {
      ExecutorOptions options = ExecutorOptions.builder().maxConcurrent(limits.concurrent()).maxPerNode(limits.perNode())
          .maxPerNamespace(limits.perNamespace() == 0 ? Optional.empty() : Optional.of(limits.perNamespace())).build();
      List<QueuedUnit> queued = new ArrayList<>();
      for (int i = 0; i < units.size(); i++) {
        queued.add(unit(i, units.get(i)));
      }
      List<CommandTarget> commands = new ArrayList<>();
      for (int i = 0; i < pods.size(); i++) {
        commands.add(command(i, pods.get(i)));
      }
      List<Running> now = new ArrayList<>();
      for (int i = 0; i < run.size(); i++) {
        now.add(running(i, run.get(i)));
      }

      StartDecision.Starts starts = StartDecision.decide(queued, commands, now, options);

      assertThat(StartDecision.decide(queued, commands, now, options)).as("a function of its inputs").isEqualTo(starts);
      List<String> namespaces = new ArrayList<>(now.stream().map(Running::namespace).toList());
      List<NodeSlot> slots = new ArrayList<>(now.stream().flatMap(unit -> unit.nodeSlot().stream()).toList());
      List<NodeSlot> started = new ArrayList<>();
      starts.claimUnits().forEach(start -> {
        assertThat(queued).contains(start.unit());
        namespaces.add(start.unit().unit().namespace());
        started.add(start.slot());
        StartDecision.plannedSlot(start.unit()).ifPresent(planned -> assertThat(start.slot()).isEqualTo(planned));
      });
      starts.commands().forEach(command -> {
        namespaces.add(command.namespace());
        command.node().ifPresent(node -> started.add(NodeSlot.pinned(node)));
      });
      slots.addAll(started);
      int startedCount = starts.claimUnits().size() + starts.commands().size();
      if (startedCount > 0) {
        assertThat(namespaces).as("overall").hasSizeLessThanOrEqualTo(limits.concurrent());
      }
      if (limits.perNamespace() > 0) {
        Stream.concat(starts.claimUnits().stream().map(start -> start.unit().unit().namespace()),
            starts.commands().stream().map(CommandTarget::namespace)).distinct().forEach(namespace ->
            assertThat(namespaces.stream().filter(namespace::equals).count()).as("in namespace %s", namespace)
                .isLessThanOrEqualTo(limits.perNamespace()));
      }
      for (String node : NODES) {
        if (started.stream().anyMatch(slot -> slot.countsAgainst(node))) {
          assertThat(slots.stream().filter(slot -> slot.countsAgainst(node)).count()).as("on %s", node)
              .isLessThanOrEqualTo(limits.perNode());
        }
      }
      if (now.isEmpty() && !(queued.isEmpty() && commands.isEmpty())) {
        assertThat(startedCount).as("with nothing running, something starts").isPositive();
      }
    });
  }
}
