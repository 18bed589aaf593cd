package io.k8up.core.internal.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.google.common.collect.ImmutableSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The per-node limit holds at every instant for pinned pods and for pods the scheduler places,
 * whatever node an adversarial scheduler binds them to among those they were not kept off.
 */
class NodeLoadTest {

  /**
   * Pods are pinned by node name, as on a run that read the Nodes and so knows the name behind
   * every hostname, or by a hostname label that differs from the node's name, as on EKS, which a
   * run that did not read the Nodes cannot resolve until it sees such a pod bound.
   */
  private static final int NODES = 5;

  /** A pod of the simulation: its slot as the run sees it, and the node it really is on, once known. */
  private static final class Pod {
    NodeSlot slot;
    Optional<String> node;

    Pod(NodeSlot slot, Optional<String> node) {
      this.slot = slot;
      this.node = node;
    }
  }

  @Test
  void theLimitHoldsAtEveryInstantWhateverTheSchedulerDoes() {
    qt().withExamples(500).forAll(integers().between(1, 3), lists().of(integers().between(0, 599)).ofSizeBetween(1, 80))
        .checkAssert((limit, operations) -> {
          List<Pod> pods = new ArrayList<>();
          for (int operation : operations) {
            apply(operation / 100, operation % 100, pods, limit);
            assertWithinLimit(pods, limit);
            assertNoNeedlessWait(pods, limit);
          }
        });
  }

  @Test
  void anEmptyRunLetsEveryKindOfPodStart() {
    NodeLoad load = NodeLoad.of(List.of(), 1);
    assertThat(load.fitsPinned("n0")).isTrue();
    assertThat(load.exclusionsForScheduled()).contains(ImmutableSet.of());
  }

  @Test
  void aScheduledPodIsKeptOffFullNodesAndWaitsWhileAsManyAsTheLimitAreUnplaced() {
    NodeSlot pinnedToA = NodeSlot.pinned("a");
    NodeSlot boundToB = NodeSlot.scheduled(ImmutableSet.of()).boundTo("b");

    assertThat(NodeLoad.of(List.of(pinnedToA, boundToB), 1).exclusionsForScheduled()).contains(ImmutableSet.of("a", "b"));
    assertThat(NodeLoad.of(List.of(pinnedToA, boundToB), 2).exclusionsForScheduled()).contains(ImmutableSet.of());
    assertThat(NodeLoad.of(List.of(NodeSlot.scheduled(ImmutableSet.of())), 1).exclusionsForScheduled()).isEmpty();
    assertThat(NodeLoad.of(List.of(NodeSlot.scheduled(ImmutableSet.of("a"))), 1).fitsPinned("a")).isTrue();
    assertThat(NodeLoad.of(List.of(NodeSlot.scheduled(ImmutableSet.of("a"))), 1).fitsPinned("b")).isFalse();
  }

  // Seen on a real control plane: a hostname-pinned and a name-pinned backup ran together on one node.
  @Test
  void aPodPinnedByAnUnresolvedHostnameCountsEverywhereUntilItIsSeenBound() {
    NodeSlot byHostname = NodeSlot.byHostname("n-host");
    NodeLoad one = NodeLoad.of(List.of(byHostname), 1);

    assertThat(one.fitsPinned("n.ec2.internal")).as("it may be there").isFalse();
    assertThat(one.fitsPinned("m.ec2.internal")).isFalse();
    assertThat(one.exclusionsForScheduled()).as("an unplaced pod at the limit").isEmpty();

    NodeLoad bound = NodeLoad.of(List.of(byHostname.boundTo("n.ec2.internal")), 1);
    assertThat(bound.fitsPinned("n.ec2.internal")).isFalse();
    assertThat(bound.fitsPinned("n-host")).isFalse();
    assertThat(bound.fitsPinned("m.ec2.internal")).isTrue();

    assertThat(NodeLoad.of(List.of(NodeSlot.pinned("m.ec2.internal")), 1).fits(byHostname))
        .as("it may be on the busy node").isFalse();
    assertThat(NodeLoad.of(List.of(byHostname.boundTo("n.ec2.internal")), 2).fits(byHostname))
        .as("a pod of that hostname was seen on n, which has room").isTrue();
    assertThat(NodeLoad.of(List.of(byHostname.boundTo("n.ec2.internal"), NodeSlot.pinned("n.ec2.internal")), 2)
        .fits(byHostname)).as("n is full").isFalse();
  }

  @Test
  void aPodPinnedByHostnameCountsAgainstItsHostnameAndTheNodeItIsBoundTo() {
    NodeSlot placed = NodeSlot.pinned("host-4").boundTo("ip-10-0-0-4");
    NodeLoad load = NodeLoad.of(List.of(placed), 1);

    assertThat(load.fitsPinned("host-4")).isFalse();
    assertThat(load.fitsPinned("ip-10-0-0-4")).isFalse();
  }

  private static void apply(int kind, int argument, List<Pod> pods, int limit) {
    NodeLoad load = NodeLoad.of(pods.stream().map(pod -> pod.slot).toList(), limit);
    switch (kind) {
      case 0 -> {
        String node = "n" + argument % NODES;
        if (load.fitsPinned(node)) {
          pods.add(new Pod(NodeSlot.pinned(node), Optional.of(node)));
        }
      }
      case 1 -> {
        Optional<ImmutableSet<String>> excluded = load.exclusionsForScheduled();
        if (excluded.isPresent()) {
          pods.add(new Pod(NodeSlot.scheduled(excluded.get()), Optional.empty()));
        }
      }
      case 2 -> {
        // The scheduler binds an unplaced pod to any node its affinity allows.
        List<Pod> unplaced = pods.stream().filter(pod -> pod.slot.isUnplaced() && pod.slot.pinned().isEmpty()).toList();
        if (!unplaced.isEmpty()) {
          Pod pod = unplaced.get(argument % unplaced.size());
          String node = "n" + (argument / 7) % NODES;
          if (!pod.slot.excluded().contains(node)) {
            pod.slot = pod.slot.boundTo(node);
            pod.node = Optional.of(node);
          }
        }
      }
      case 3 -> {
        if (!pods.isEmpty()) {
          pods.remove(argument % pods.size());
        }
      }
      case 5 -> {
        // Pinned by a hostname label the run cannot resolve: node nK carries hostname hK (as on EKS).
        int node = argument % NODES;
        NodeSlot slot = NodeSlot.byHostname("h" + node);
        if (load.fits(slot)) {
          pods.add(new Pod(slot, Optional.of("n" + node)));
        }
      }
      default -> {
        // The run sees a pinned pod's binding: to its node's real name.
        List<Pod> pinned = pods.stream().filter(pod -> pod.slot.pinned().isPresent() && pod.slot.bound().isEmpty())
            .toList();
        if (!pinned.isEmpty()) {
          Pod pod = pinned.get(argument % pinned.size());
          pod.slot = pod.slot.boundTo(pod.node.orElseThrow());
        }
      }
    }
  }

  // Once the run knows where every pod is, a node with room takes a pinned pod, and a scheduled one
  // may start.
  private static void assertNoNeedlessWait(List<Pod> pods, int limit) {
    if (pods.stream().anyMatch(pod -> pod.slot.isUnplaced())) {
      return;
    }
    NodeLoad load = NodeLoad.of(pods.stream().map(pod -> pod.slot).toList(), limit);
    assertThat(load.exclusionsForScheduled()).isPresent();
    for (int i = 0; i < NODES; i++) {
      String node = "n" + i;
      long there = pods.stream().filter(pod -> pod.node.orElseThrow().equals(node)).count();
      assertThat(load.fitsPinned(node)).as("room on %s", node).isEqualTo(there < limit);
    }
  }

  private static void assertWithinLimit(List<Pod> pods, int limit) {
    Map<String, Integer> perNode = new HashMap<>();
    pods.forEach(pod -> pod.node.ifPresent(node -> perNode.merge(node, 1, Integer::sum)));
    assertThat(perNode.values()).allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(limit));
  }
}
