package io.k8up.core.internal.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.run.BackupReport;
import io.k8up.core.run.ExecutorOptions;
import io.k8up.core.run.Outcome;
import io.k8up.core.run.OutcomeStatus;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.testing.InMemoryGateway;
import io.k8up.core.testing.InMemoryGateway.Fault;
import io.k8up.core.testing.SimulatedCluster;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.quicktheories.core.Gen;

/**
 * What holds for any run, whatever its units, their durations and placements, the limits and the
 * faults the API server injects: the limits hold at every instant, scheduler-placed pods included;
 * no claim gets two Jobs in one attempt; every backup succeeds through transient faults; nothing is
 * left behind.
 */
@Timeout(120)
class EnginePropertiesTest {

  private static final int EXAMPLES = 60;

  /** One claim: the node of its pod (index 3: none, a shared claim placed anywhere), and its minutes. */
  private record ClaimSpec(int node, int minutes) {}

  private record Limits(int perNode, int overall, int faultPeriod, boolean loseACreate) {}

  @Test
  void limitsHoldNoClaimIsDoubledAndNothingIsLeftWhateverTheFaults() {
    qt().withExamples(EXAMPLES).forAll(claims(), limits()).checkAssert((specs, limits) -> {
      World world = new World();
      Map<String, String> nodeByClaim = new LinkedHashMap<>();
      Map<String, Integer> minutesByClaim = new LinkedHashMap<>();
      for (int i = 0; i < specs.size(); i++) {
        nodeByClaim.put("claim-" + i, specs.get(i).node() < 3 ? EngineTest.NODES.get(specs.get(i).node()) : null);
        minutesByClaim.put("claim-" + i, specs.get(i).minutes());
      }
      ClusterSnapshot snapshot = EngineTest.claims(nodeByClaim);
      SimulatedCluster cluster = new SimulatedCluster(world.api, world.clock, "shop", EngineTest.NODES,
          job -> Duration.ofMinutes(minutesByClaim.get(InMemoryGateway.labels(job).isEmpty() ? "" : claimOf(job)))
              .toMillis());
      world.api.faults(faults(limits));
      ExecutorOptions options = ExecutorOptions.builder()
          .pollInterval(Duration.ofSeconds(10))
          .unitTimeout(Duration.ofHours(3))
          .maxPerNode(limits.perNode())
          .maxConcurrent(limits.overall())
          .build();

      BackupReport report = world.run(cluster, snapshot, options, EngineTest.same(snapshot));

      assertThat(report.outcomes()).allSatisfy(outcome -> assertThat(outcome.status())
          .as(outcome.subject() + ": " + outcome.message()).isEqualTo(OutcomeStatus.SUCCEEDED));
      assertThat(cluster.maxPerNode().values()).allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(limits.perNode()));
      assertThat(cluster.maxRunning()).isLessThanOrEqualTo(limits.overall());
      assertThat(cluster.jobsPerUnitAttempt().values()).as("Jobs per unit and attempt").containsOnly(1);
      assertThat(world.left()).as("left behind").isEmpty();
      assertThat(report.leftovers()).isEmpty();
      assertThat(report.outcomes()).extracting(Outcome::attempts).containsOnly(1);
    });
  }

  private static String claimOf(com.google.gson.JsonObject job) {
    return job.getAsJsonObject("metadata").getAsJsonObject("annotations").get(K8upAnnotations.CLAIMS_ANNOTATION)
        .getAsString();
  }

  // Every faultPeriod-th call fails with a transient answer; the first create may lose its answer.
  private static java.util.function.Function<io.k8up.core.kube.KubeRequest, Optional<Fault>> faults(Limits limits) {
    AtomicInteger calls = new AtomicInteger();
    AtomicInteger creates = new AtomicInteger();
    int[] codes = {429, 500, 502, 503, 504, 0};
    return request -> {
      if (limits.loseACreate() && request.verb().equals("create") && creates.incrementAndGet() == 1) {
        return Optional.of(Fault.lostAnswer());
      }
      int call = calls.incrementAndGet();
      return limits.faultPeriod() > 0 && call % limits.faultPeriod() == 0
          ? Optional.of(Fault.refuse(codes[call % codes.length])) : Optional.empty();
    };
  }

  private static Gen<List<ClaimSpec>> claims() {
    Gen<ClaimSpec> claim = integers().between(0, 3).zip(integers().between(1, 10), ClaimSpec::new);
    return lists().of(claim).ofSizeBetween(1, 8);
  }

  private static Gen<Limits> limits() {
    return integers().between(1, 2).zip(integers().between(1, 4), integers().between(0, 9),
        integers().between(0, 1), (perNode, overall, period, lose) -> new Limits(perNode, overall,
            period < 3 ? 0 : period, lose == 1));
  }

  /** A fresh in-memory cluster for one example. */
  private static final class World extends EngineTest {}
}
