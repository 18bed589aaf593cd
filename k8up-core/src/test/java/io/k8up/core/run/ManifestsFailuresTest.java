package io.k8up.core.run;

import io.k8up.core.spi.BackupToolSpec;

import io.k8up.core.spi.Grouping;

import io.k8up.core.spi.RunId;

import io.k8up.core.spi.RunContext;

import io.k8up.core.spi.BackupUnit;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8up.core.model.AccessMode;
import io.k8up.core.model.ClaimTarget;
import io.k8up.core.plan.BackupPlan;
import io.k8up.core.plan.BackupPlanner;
import io.k8up.core.plan.Subject;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.Workflow;
import io.k8up.core.spi.Support;
import io.k8up.core.spi.VolumeAccessStrategy;
import io.k8up.core.testing.Fixtures;
import io.k8up.core.testing.TestStrategy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One strategy failing to materialize fails its own claims in the manifests, not the whole call. */
class ManifestsFailuresTest {

  /** Supports claims named "bad…" and cannot build anything for them. */
  private static final class BrokenStrategy implements VolumeAccessStrategy {
    @Override
    public String id() {
      return "broken";
    }

    @Override
    public Support supports(ClaimTarget target, ClusterSnapshot snapshot) {
      return target.name().startsWith("bad") ? Support.supported() : Support.unsupported("not mine");
    }

    @Override
    public Workflow workflow(BackupUnit unit, RunContext context) {
      throw new IllegalStateException("no template for " + unit.claimNames());
    }
  }

  @Test
  void aFailingStrategyFailsItsClaimsAndTheOthersAreStillBuilt() {
    ClusterSnapshot snapshot = ClusterSnapshot.of(
        List.of(Fixtures.boundClaim("bad", AccessMode.READ_WRITE_MANY).build(),
            Fixtures.boundClaim("good", AccessMode.READ_WRITE_MANY).build()),
        List.of(Fixtures.volumeFor("bad").build(), Fixtures.volumeFor("good").build()),
        List.of());
    BackupPlanner planner = BackupPlanner.builder()
        .strategies(List.of(new BrokenStrategy(), TestStrategy.nodeBound("jobs", target -> true, "")))
        .build();
    BackupPlan plan = planner.plan(snapshot);

    MaterializedPlan manifests = Manifests.of(plan, snapshot, planner, RunId.of("t"),
        BackupToolSpec.restic("repo").build(), Grouping.PER_CLAIM);

    assertThat(manifests.objects()).singleElement().satisfies(job -> assertThat(job.getKind()).isEqualTo("Job"));
    assertThat(manifests.hasFailures()).isTrue();
    assertThat(manifests.failures()).containsOnlyKeys(Subject.claim(Fixtures.NAMESPACE, "bad"));
    assertThat(manifests.failures().values()).singleElement().asString()
        .isEqualTo("strategy broken could not build the backup's objects: no template for [bad]");
  }
}
