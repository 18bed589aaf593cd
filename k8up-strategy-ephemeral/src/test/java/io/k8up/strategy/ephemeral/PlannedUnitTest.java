package io.k8up.strategy.ephemeral;

import static io.k8up.strategy.ephemeral.EphemeralFixtures.RUN;
import static io.k8up.strategy.ephemeral.EphemeralFixtures.STRATEGY;
import static org.assertj.core.api.Assertions.assertThat;

import io.k8up.core.model.AccessMode;
import io.k8up.core.model.Pod;
import io.k8up.core.model.PodVolume;
import io.k8up.core.plan.Action;
import io.k8up.core.plan.BackupPlan;
import io.k8up.core.plan.BackupPlanner;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.run.BackupUnits;
import io.k8up.core.spi.Grouping;
import io.k8up.core.spi.RunContext;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.testing.Fixtures;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import java.util.List;
import org.junit.jupiter.api.Test;

/** From a cluster to the container: the planner chooses the strategy and the core gathers a pod's claims. */
class PlannedUnitTest {

  @Test
  void readWriteOncePodClaimsOfOnePodAreBackedUpByOneContainerInThatPod() {
    Pod postgres = Fixtures.runningPod("postgres-0", EphemeralFixtures.NODE)
        .addClaimVolumes(PodVolume.of("pgdata", "data-postgres-0"), PodVolume.of("pgwal", "wal-postgres-0"))
        .build();
    ClusterSnapshot snapshot = ClusterSnapshot.of(
        List.of(Fixtures.boundClaim("data-postgres-0", AccessMode.READ_WRITE_ONCE_POD).build(),
            Fixtures.boundClaim("wal-postgres-0", AccessMode.READ_WRITE_ONCE_POD).build()),
        List.of(Fixtures.volumeFor("data-postgres-0").build(), Fixtures.volumeFor("wal-postgres-0").build()),
        List.of(postgres));

    BackupPlan plan = BackupPlanner.builder().strategies(List.of(STRATEGY)).build().plan(snapshot);

    assertThat(plan.decisions(Action.BACKUP)).hasSize(2)
        .allSatisfy(decision -> assertThat(decision.strategy()).hasValue(EphemeralContainerStrategyProvider.ID));
    for (Grouping grouping : Grouping.values()) {
      List<BackupUnit> units = BackupUnits.of(plan, grouping, List.of(STRATEGY));
      assertThat(units).as(grouping.name()).singleElement()
          .satisfies(unit -> assertThat(unit.claimNames()).containsExactly("data-postgres-0", "wal-postgres-0"));
      PlannedContainer materialization = PlannedContainer.of(STRATEGY.workflow(
          units.get(0), RunContext.of(RUN, BackupToolSpec.restic("repo").build(), snapshot)));
      assertThat(materialization.pod()).isEqualTo("postgres-0");
      assertThat(materialization.container().getVolumeMounts()).extracting(V1VolumeMount::getName)
          .containsExactly("pgdata", "pgwal");
    }
  }
}
