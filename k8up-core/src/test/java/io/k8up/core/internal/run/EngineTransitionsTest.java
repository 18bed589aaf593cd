package io.k8up.core.internal.run;

import static io.k8up.core.testing.Fixtures.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.k8up.core.kube.KubeRequest;
import io.k8up.core.run.BackupReport;
import io.k8up.core.run.Outcome;
import io.k8up.core.run.OutcomeReason;
import io.k8up.core.run.OutcomeStatus;
import io.k8up.core.run.ProgressEvent;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.ResourceType;
import io.k8up.core.testing.InMemoryGateway.Fault;
import io.k8up.core.testing.SimulatedCluster;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every transition of a unit, on a fake clock and an in-memory API server: no HTTP, no waiting. */
@Timeout(30)
class EngineTransitionsTest extends EngineTest {

  private static final ClusterSnapshot ON_NODE_1 = claims(Map.of("data", "node-1"));

  @Test
  void createdPlacedDoneAndCleanedUp() {
    SimulatedCluster cluster = cluster(Duration.ofMinutes(5));

    BackupReport report = run(cluster, ON_NODE_1, OPTIONS, same(ON_NODE_1));

    Outcome outcome = only(report);
    assertStatus(outcome, OutcomeStatus.SUCCEEDED, OutcomeReason.BACKED_UP);
    assertThat(outcome.node()).contains("node-1");
    assertThat(outcome.duration()).hasValueSatisfying(took -> assertThat(took).isBetween(
        Duration.ofMinutes(5), Duration.ofMinutes(5).plus(OPTIONS.pollInterval().multipliedBy(3))));
    assertThat(events).extracting(ProgressEvent::type).containsSubsequence(ProgressEvent.Type.QUEUED,
        ProgressEvent.Type.STARTED, ProgressEvent.Type.PLACED, ProgressEvent.Type.SUCCEEDED);
    assertThat(left()).isEmpty();
    assertThat(cluster.jobsPerUnitAttempt().values()).containsExactly(1);
  }

  @Test
  void unschedulableThenStaleThenReplannedOntoWhereTheClaimIsNow() {
    ClusterSnapshot onAGoneNode = claims(Map.of("data", "node-9"));
    SimulatedCluster cluster = cluster(Duration.ofMinutes(1));

    BackupReport report = run(cluster, onAGoneNode, OPTIONS, same(claims(Map.of("data", "node-2"))));

    Outcome outcome = only(report);
    assertStatus(outcome, OutcomeStatus.SUCCEEDED, OutcomeReason.BACKED_UP);
    assertThat(outcome.attempts()).isEqualTo(2);
    assertThat(outcome.node()).contains("node-2");
    assertThat(events).filteredOn(event -> event.type() == ProgressEvent.Type.RETRIED).singleElement()
        .satisfies(event -> assertThat(event.message()).contains("could not be scheduled for 30 s"));
    assertThat(left()).isEmpty();
  }

  @Test
  void aRefusedPlacementThatAFreshPlanGivesAgainFailsAtOnce() {
    ClusterSnapshot onAGoneNode = claims(Map.of("data", "node-9"));

    Outcome outcome = only(run(cluster(Duration.ofMinutes(1)), onAGoneNode, OPTIONS, same(onAGoneNode)));

    assertStatus(outcome, OutcomeStatus.FAILED, OutcomeReason.PLACEMENT_STALE);
    assertThat(outcome.attempts()).isEqualTo(1);
    assertThat(events).filteredOn(event -> event.type() == ProgressEvent.Type.FAILED).singleElement()
        .satisfies(event -> assertThat(event.attempt()).as("as the outcome counts it").isEqualTo(1));
    assertThat(left()).isEmpty();
  }

  @Test
  void aBackupLongerThanTheUnitTimeoutTimesOutAndIsDeleted() {
    Outcome outcome = only(run(cluster(Duration.ofHours(2)), ON_NODE_1, OPTIONS, same(ON_NODE_1)));

    assertStatus(outcome, OutcomeStatus.FAILED, OutcomeReason.TIMED_OUT);
    assertThat(outcome.message()).contains("did not finish within PT30M");
    assertThat(left()).isEmpty();
  }

  @Test
  void anInterruptedRunDeletesWhatItCreatedAndReportsNotRun() {
    SimulatedCluster cluster = cluster(Duration.ofHours(1));

    BackupReport report = loop(gateway(), interruptAt(cluster, 5), OPTIONS, same(ON_NODE_1))
        .run(PLANNER.plan(ON_NODE_1), ON_NODE_1);
    Thread.interrupted();

    assertStatus(only(report), OutcomeStatus.NOT_RUN, OutcomeReason.INTERRUPTED);
    assertThat(report.interrupted()).isTrue();
    assertThat(left()).isEmpty();
  }

  @Test
  void aRunRestartedWithTheSameIdAdoptsTheJobAnEarlierProcessLeft() {
    SimulatedCluster cluster = cluster(Duration.ofMinutes(1));
    earlierProcessesJob(ON_NODE_1);
    cluster.tick();

    Outcome outcome = only(run(cluster, ON_NODE_1, OPTIONS, same(ON_NODE_1)));

    assertStatus(outcome, OutcomeStatus.SUCCEEDED, OutcomeReason.BACKED_UP);
    assertThat(events).extracting(ProgressEvent::type).contains(ProgressEvent.Type.ADOPTED)
        .doesNotContain(ProgressEvent.Type.STARTED);
    assertThat(api.log()).noneMatch(call -> call.startsWith("create jobs"));
    assertThat(cluster.jobsPerUnitAttempt().values()).containsOnly(1);
    assertThat(left()).isEmpty();
  }

  @Test
  void aForbiddenCreateFailsTheUnitNamingWhatToGrant() {
    api.faults(request -> request.verb().equals("create") ? Optional.of(Fault.refuse(403)) : none());

    Outcome outcome = only(run(cluster(Duration.ofMinutes(1)), ON_NODE_1, OPTIONS, same(ON_NODE_1)));

    assertStatus(outcome, OutcomeStatus.FAILED, OutcomeReason.FORBIDDEN);
    assertThat(outcome.message()).contains("grant \"create\" on jobs (apiGroup batch) in namespace shop");
  }

  @Test
  void aForeignObjectOfTheUnitsNameIsNeitherAdoptedNorDeleted() {
    JsonObject foreign = earlierProcessesJob(ON_NODE_1);
    foreign.getAsJsonObject("metadata").remove("labels");
    api.put(ResourceType.JOB, foreign);

    Outcome outcome = only(run(cluster(Duration.ofMinutes(1)), ON_NODE_1, OPTIONS, same(ON_NODE_1)));

    assertStatus(outcome, OutcomeStatus.FAILED, OutcomeReason.NAME_CONFLICT);
    assertThat(api.all(ResourceType.JOB, NAMESPACE)).hasSize(1);
    assertThat(api.log()).noneMatch(call -> call.startsWith("delete"));
  }

  @Test
  void throttlingServerErrorsAndLostConnectionsAreRetried() {
    AtomicInteger calls = new AtomicInteger();
    int[] codes = {429, 500, 503, 0};
    api.faults(request -> calls.incrementAndGet() % 3 == 0
        ? Optional.of(Fault.refuse(codes[calls.get() / 3 % codes.length])) : none());

    Outcome outcome = only(run(cluster(Duration.ofMinutes(1)), ON_NODE_1, OPTIONS, same(ON_NODE_1)));

    assertStatus(outcome, OutcomeStatus.SUCCEEDED, OutcomeReason.BACKED_UP);
    assertThat(left()).isEmpty();
  }

  @Test
  void aCreateWhoseAnswerIsLostIsTakenOverNotDoubled() {
    SimulatedCluster cluster = cluster(Duration.ofMinutes(1));
    AtomicInteger creates = new AtomicInteger();
    api.faults(request -> request.verb().equals("create") && creates.incrementAndGet() == 1
        ? Optional.of(Fault.lostAnswer()) : none());

    Outcome outcome = only(run(cluster, ON_NODE_1, OPTIONS, same(ON_NODE_1)));

    assertStatus(outcome, OutcomeStatus.SUCCEEDED, OutcomeReason.BACKED_UP);
    assertThat(cluster.jobsPerUnitAttempt().values()).containsOnly(1);
    assertThat(left()).isEmpty();
  }

  @Test
  void aKeepLabelSetDuringTheRunIsHonouredWithoutARace() {
    SimulatedCluster cluster = cluster(Duration.ofMinutes(1));
    Predicate<KubeRequest> deletes = request -> request.verb().equals("delete");
    api.faults(request -> {
      if (deletes.test(request)) {
        // Between the run's last look and its delete, a user labels the Job to keep it.
        JsonObject job = api.all(ResourceType.JOB, NAMESPACE).get(0);
        job.getAsJsonObject("metadata").getAsJsonObject("labels").addProperty("k8up.io/keep", "true");
        api.put(ResourceType.JOB, job);
        api.faults(next -> none());
      }
      return none();
    });

    Outcome outcome = only(run(cluster, ON_NODE_1, OPTIONS, same(ON_NODE_1)));

    assertStatus(outcome, OutcomeStatus.SUCCEEDED, OutcomeReason.BACKED_UP);
    assertThat(api.all(ResourceType.JOB, NAMESPACE)).as("kept").hasSize(1);
  }

  @Test
  void aScheduledPodWaitsWhileEveryNodeIsFullInsteadOfGoingStale() {
    java.util.Map<String, String> nodeByClaim = new java.util.LinkedHashMap<>();
    nodeByClaim.put("a", "node-1");
    nodeByClaim.put("b", "node-2");
    nodeByClaim.put("c", "node-3");
    nodeByClaim.put("shared", null);
    ClusterSnapshot snapshot = claims(nodeByClaim);
    SimulatedCluster cluster = cluster(Duration.ofMinutes(5));

    BackupReport report = run(cluster, snapshot, OPTIONS, same(snapshot));

    assertThat(report.outcomes()).allSatisfy(outcome -> assertStatus(outcome, OutcomeStatus.SUCCEEDED,
        OutcomeReason.BACKED_UP));
    assertThat(cluster.maxPerNode().values()).containsOnly(1);
    assertThat(left()).isEmpty();
  }

  // Seen on a real scheduler: without the Nodes, a shared backup started while both nodes the run
  // knew were busy was kept off both, stayed unschedulable once they were free, and was failed.
  @Test
  void withoutTheNodesASharedPodWaitsForANodeTheRunKnowsToFreeUp() {
    java.util.Map<String, String> nodeByClaim = new java.util.LinkedHashMap<>();
    nodeByClaim.put("a", "node-1");
    nodeByClaim.put("b", "node-2");
    nodeByClaim.put("c", "node-3");
    nodeByClaim.put("shared", null);
    ClusterSnapshot withoutNodes = claims(nodeByClaim).withNodes(java.util.List.of());
    SimulatedCluster cluster = cluster(Duration.ofMinutes(5));

    BackupReport report = run(cluster, withoutNodes, OPTIONS, same(withoutNodes));

    assertThat(report.outcomes()).allSatisfy(outcome -> {
      assertStatus(outcome, OutcomeStatus.SUCCEEDED, OutcomeReason.BACKED_UP);
      assertThat(outcome.attempts()).as("never unschedulable").isEqualTo(1);
    });
    assertThat(cluster.maxPerNode().values()).containsOnly(1);
    assertThat(left()).isEmpty();
  }

  // The run kept the pod off the nodes full when it started; a refusal of what is left is partly
  // the run's own doing, and the next attempt is kept off only what is full then.
  @Test
  void aScheduledPodThatTheRunsOwnExclusionLeftNowhereToGoIsTriedAgainNotFailed() {
    java.util.Map<String, String> nodeByClaim = new java.util.LinkedHashMap<>();
    nodeByClaim.put("a", "node-1");
    nodeByClaim.put("b", "node-2");
    nodeByClaim.put("c", "node-3");
    nodeByClaim.put("shared", null);
    // The snapshot knows a fourth node the cluster no longer has: the only one the pod may go to.
    ClusterSnapshot snapshot = claims(nodeByClaim).withNodes(java.util.stream.Stream.of("node-1", "node-2",
        "node-3", "node-4").<io.k8up.core.model.Node>map(node -> io.k8up.core.testing.Fixtures.node(node).build())
        .toList());
    SimulatedCluster cluster = cluster(Duration.ofSeconds(40));

    BackupReport report = run(cluster, snapshot, io.k8up.core.run.ExecutorOptions.builder().from(OPTIONS)
        .maxPlacementAttempts(5).build(), same(snapshot));

    Outcome shared = report.outcomes().stream().filter(outcome -> outcome.subject().name().equals("shared"))
        .findFirst().orElseThrow();
    assertStatus(shared, OutcomeStatus.SUCCEEDED, OutcomeReason.BACKED_UP);
    assertThat(shared.attempts()).isGreaterThan(1);
    assertThat(cluster.maxPerNode().values()).containsOnly(1);
    assertThat(left()).isEmpty();
  }

  @Test
  void aPodTheLibraryCannotReadEndsTheUnitByItsTimeoutNotTheRun() {
    SimulatedCluster cluster = cluster(Duration.ofHours(2));
    api.faults(request -> {
      for (JsonObject pod : api.all(ResourceType.POD, NAMESPACE)) {
        if (!pod.getAsJsonObject("status").has("containerStatuses")) {
          pod.getAsJsonObject("status").addProperty("containerStatuses", "not a list");
          api.put(ResourceType.POD, pod);
        }
      }
      return none();
    });

    Outcome outcome = only(run(cluster, ON_NODE_1, OPTIONS, same(ON_NODE_1)));

    assertStatus(outcome, OutcomeStatus.FAILED, OutcomeReason.TIMED_OUT);
    assertThat(outcome.message()).contains("The last look at it failed", "a backup pod cannot be read");
    assertThat(api.all(ResourceType.JOB, NAMESPACE)).isEmpty();
  }
}
