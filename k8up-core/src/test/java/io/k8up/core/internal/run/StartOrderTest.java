package io.k8up.core.internal.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8up.core.model.AccessMode;
import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.Placement;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.RunContext;
import io.k8up.core.testing.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Which waiting unit starts first, and which nodes a scheduler-placed unit is kept off. */
class StartOrderTest {

  private static final Map<String, String> PINS = Map.of("a1", "node-a", "a2", "node-a", "a3", "node-a", "b1", "node-b");
  private static final Function<QueuedUnit, Optional<String>> PINNED =
      queued -> Optional.ofNullable(PINS.get(queued.unit().claimNames().get(0)));

  @Test
  void aNodesChainOfWaitingWorkOutranksALargerUnitOnAnotherNode() {
    QueuedUnit a1 = unit("a1", 10);
    QueuedUnit a2 = unit("a2", 10);
    QueuedUnit a3 = unit("a3", 10);
    QueuedUnit b1 = unit("b1", 25);

    assertThat(StartOrder.of(List.of(b1, a1, a2, a3), PINNED, 1)).first().isIn(a1, a2, a3);
    assertThat(StartOrder.of(List.of(a1, b1), PINNED, 1)).as("once node-a's chain is shorter").first().isEqualTo(b1);
  }

  @Test
  void aSharedUnitRanksByItsOwnSizeAgainstTheChains() {
    QueuedUnit shared = unit("shared", 40);
    QueuedUnit a1 = unit("a1", 10);
    QueuedUnit a2 = unit("a2", 10);

    assertThat(StartOrder.of(List.of(a1, a2, shared), PINNED, 1)).first().isEqualTo(shared);
  }

  @Test
  void aSharedUnitIsKeptOffNodesWithWaitingWorkButNeverOffTheLeastBusyOfThem() {
    List<QueuedUnit> waiting = List.of(unit("a1", 10), unit("a2", 10), unit("b1", 5));

    assertThat(StartOrder.reserved(waiting, PINNED, Set.of(), Set.of("node-a", "node-b", "node-c")))
        .containsExactlyInAnyOrder("node-a", "node-b");
    assertThat(StartOrder.reserved(waiting, PINNED, Set.of(), Set.of("node-a", "node-b")))
        .as("node-b waits for less").containsExactly("node-a");
    assertThat(StartOrder.reserved(waiting, PINNED, Set.of("node-b"), Set.of("node-a", "node-b")))
        .as("the only free node stays allowed").isEmpty();
  }

  private static QueuedUnit unit(String claim, long size) {
    ClaimTarget target = ClaimTarget.builder()
        .namespace(Fixtures.NAMESPACE)
        .name(claim)
        .volumeName("pv-" + claim)
        .accessModes(List.of(AccessMode.READ_WRITE_ONCE))
        .placement(Placement.anywhere())
        .build();
    return new QueuedUnit(BackupUnit.of("jobs", List.of(target)),
        RunContext.of(EngineTest.RUN, EngineTest.TOOL, ClusterSnapshot.of(List.of(), List.of(), List.of())), size,
        Optional.empty());
  }
}
