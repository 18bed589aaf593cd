package io.k8up.core.run;

import io.k8up.core.spi.BackupToolSpec;

import io.k8up.core.spi.Grouping;

import io.k8up.core.spi.RunId;

import io.k8up.core.spi.RunContext;

import io.k8up.core.spi.BackupUnit;

import static io.k8up.core.testing.Fixtures.NAMESPACE;
import static io.k8up.core.testing.Fixtures.boundClaim;
import static io.k8up.core.testing.Fixtures.runningPod;
import static io.k8up.core.testing.Fixtures.volumeFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.k8up.core.model.AccessMode;
import io.k8up.core.model.Claim;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.model.PersistentVolume;
import io.k8up.core.model.Pod;
import io.k8up.core.plan.Action;
import io.k8up.core.plan.BackupPlan;
import io.k8up.core.plan.BackupPlanner;
import io.k8up.core.plan.Subject;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.testing.FakeJobController.Verdict;
import io.k8up.core.testing.FakeJobController;
import io.k8up.core.testing.MockApiServer;
import io.k8up.core.testing.TestStrategy;
import io.kubernetes.client.openapi.apis.BatchV1Api;
import io.kubernetes.client.openapi.models.V1Job;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs plans against the mock API server, with a fake Job controller playing the cluster. */
@Timeout(30)
class BackupExecutorTest {

  static final ExecutorOptions FAST = ExecutorOptions.builder()
      .pollInterval(Duration.ofMillis(10))
      .apiBackoff(Duration.ofMillis(5))
      .unschedulableTimeout(Duration.ofMillis(100))
      .unitTimeout(Duration.ofSeconds(10))
      .build();

  static final BackupPlanner PLANNER = BackupPlanner.builder()
      .strategies(List.of(TestStrategy.nodeBound("jobs", target -> true, "")))
      .build();

  static final BackupToolSpec TOOL = BackupToolSpec.restic("repository").build();

  @RegisterExtension
  final MockApiServer api = new MockApiServer();

  final List<ProgressEvent> events = new CopyOnWriteArrayList<>();

  /** Claims {@code names}, each mounted by a running pod on the node given for it. */
  static ClusterSnapshot claimsOnNodes(Map<String, String> nodeByClaim) {
    List<Claim> claims = new ArrayList<>();
    List<PersistentVolume> volumes = new ArrayList<>();
    List<Pod> pods = new ArrayList<>();
    nodeByClaim.forEach((claim, node) -> {
      claims.add(boundClaim(claim, AccessMode.READ_WRITE_ONCE).build());
      volumes.add(volumeFor(claim).build());
      pods.add(runningPod("app-" + claim, node, claim).build());
    });
    return ClusterSnapshot.of(claims, volumes, pods);
  }

  BackupExecutor.Builder executor(ExecutorOptions options) {
    return BackupExecutor.builder()
        .client(api.client())
        .planner(PLANNER)
        .tool(TOOL)
        .runId(RunId.of("test"))
        .options(options)
        .listener(events::add);
  }

  List<String> jobsLeft() throws Exception {
    return new BatchV1Api(api.client()).listNamespacedJob(NAMESPACE).execute().getItems().stream()
        .map(job -> job.getMetadata().getName()).toList();
  }

  static Map<String, Outcome> bySubjectName(BackupReport report) {
    return report.outcomes().stream().collect(Collectors.toMap(outcome -> outcome.subject().name(),
        Function.identity()));
  }

  @Test
  void backsUpEveryClaimAndReportsWhatTheJobsDid() throws Exception {
    ClusterSnapshot snapshot = claimsOnNodes(Map.of("a", "node-1", "b", "node-2", "broken", "node-3"));
    BackupPlan plan = PLANNER.plan(snapshot);

    BackupReport report;
    try (FakeJobController controller = FakeJobController.start(api.client(), NAMESPACE,
        (job, looks) -> job.getMetadata().getAnnotations().get(K8upAnnotations.CLAIMS_ANNOTATION).equals("broken")
            ? Verdict.FAIL : looks >= 2 ? Verdict.COMPLETE : Verdict.KEEP_RUNNING)) {
      report = executor(FAST).build().run(plan, snapshot);
    }

    Map<String, Outcome> outcomes = bySubjectName(report);
    assertThat(outcomes.get("a").status()).isEqualTo(OutcomeStatus.SUCCEEDED);
    assertThat(outcomes.get("a").reason()).isEqualTo(OutcomeReason.BACKED_UP);
    assertThat(outcomes.get("a").strategy()).contains("jobs");
    assertThat(outcomes.get("a").node()).contains("node-1");
    assertThat(outcomes.get("a").attempts()).isEqualTo(1);
    assertThat(outcomes.get("a").duration()).isPresent();
    assertThat(outcomes.get("broken").status()).isEqualTo(OutcomeStatus.FAILED);
    assertThat(outcomes.get("broken").reason()).isEqualTo(OutcomeReason.BACKUP_FAILED);
    assertThat(outcomes.get("broken").message()).contains("BackoffLimitExceeded", "kubectl logs -n shop job/k8up-rwo-test-");
    assertThat(report.outcomes()).extracting(Outcome::subject).containsExactlyElementsOf(
        plan.decisions().stream().map(decision -> decision.subject()).toList());
    assertThat(report.allBackupsSucceeded()).isFalse();
    assertThat(report.interrupted()).isFalse();
    assertThat(report.leftovers()).isEmpty();
    assertThat(report.apiRequests()).isPositive();
    assertThat(jobsLeft()).as("everything the run created is deleted").isEmpty();
    assertThat(events).extracting(ProgressEvent::type).contains(
        ProgressEvent.Type.QUEUED, ProgressEvent.Type.STARTED, ProgressEvent.Type.SUCCEEDED, ProgressEvent.Type.FAILED);
  }

  @Test
  void plannedSkipsAndFailuresAreReportedAsPlanned() throws Exception {
    ClusterSnapshot snapshot = ClusterSnapshot.of(
        List.of(boundClaim("off", AccessMode.READ_WRITE_ONCE)
                .annotations(Map.of(K8upAnnotations.BACKUP, "false")).build(),
            boundClaim("nowhere", AccessMode.READ_WRITE_ONCE).build()),
        List.of(volumeFor("off").build(), volumeFor("nowhere").build()),
        List.of());

    BackupReport report = executor(FAST).build().run(PLANNER.plan(snapshot), snapshot);

    Map<String, Outcome> outcomes = bySubjectName(report);
    assertThat(outcomes.get("off").status()).isEqualTo(OutcomeStatus.SKIPPED);
    assertThat(outcomes.get("off").reason()).isEqualTo(OutcomeReason.PLANNED);
    assertThat(outcomes.get("off").planReason()).isPresent();
    assertThat(outcomes.get("nowhere").status()).isEqualTo(OutcomeStatus.FAILED);
    assertThat(outcomes.get("nowhere").plannedAction()).isEqualTo(Action.FAIL);
    assertThat(report.allBackupsSucceeded()).as("no claim was planned for backup").isTrue();
    assertThat(api.takeRequests()).as("nothing to run, nothing asked").isEmpty();
  }

  @Test
  void neverRunsMoreUnitsThanTheLimitsAllowAndStartsTheLargestFirst() throws Exception {
    Map<String, String> nodeByClaim = new java.util.TreeMap<>();
    for (int i = 0; i < 12; i++) {
      nodeByClaim.put("claim-" + i, "node-" + (i % 3));
    }
    ClusterSnapshot base = claimsOnNodes(nodeByClaim);
    List<Claim> sized = base.claims().stream()
        .map(claim -> (Claim) Claim.builder().from(claim)
            .requestedBytes(claim.name().equals("claim-7") ? 1L << 40 : 1L << 30).build())
        .toList();
    ClusterSnapshot snapshot = ClusterSnapshot.of(sized, base.volumes(), base.pods());
    ExecutorOptions limits = ExecutorOptions.builder().from(FAST).maxConcurrent(4).maxPerNode(2).build();

    BackupReport report;
    List<Set<String>> samples;
    try (FakeJobController controller = FakeJobController.start(api.client(), NAMESPACE, FakeJobController.completeAfter(3))) {
      report = executor(limits).build().run(PLANNER.plan(snapshot), snapshot);
      samples = controller.samples();
    }

    assertThat(report.allBackupsSucceeded()).isTrue();
    Map<String, String> nodeByJob = new java.util.HashMap<>();
    events.stream().filter(event -> event.type() == ProgressEvent.Type.STARTED).forEach(event ->
        nodeByJob.put("k8up-rwo-test-" + event.unitId(), nodeByClaim.get(event.claims().get(0))));
    int maxTotal = samples.stream().mapToInt(Set::size).max().orElse(0);
    int maxPerNode = samples.stream()
        .flatMap(sample -> sample.stream().collect(Collectors.groupingBy(nodeByJob::get, Collectors.counting())).values().stream())
        .mapToInt(Long::intValue).max().orElse(0);
    assertThat(maxTotal).as("at most 4 at once, and the limit is used").isEqualTo(4);
    assertThat(maxPerNode).as("at most 2 per node").isLessThanOrEqualTo(2);
    ProgressEvent firstStart = events.stream().filter(event -> event.type() == ProgressEvent.Type.STARTED).findFirst().orElseThrow();
    assertThat(firstStart.claims()).containsExactly("claim-7");
  }

  @Test
  void perNamespaceLimitHolds() throws Exception {
    ClusterSnapshot snapshot = claimsOnNodes(Map.of("a", "node-1", "b", "node-2", "c", "node-3"));
    ExecutorOptions limits = ExecutorOptions.builder().from(FAST).maxPerNamespace(1).build();

    List<Set<String>> samples;
    BackupReport report;
    try (FakeJobController controller = FakeJobController.start(api.client(), NAMESPACE, FakeJobController.completeAfter(2))) {
      report = executor(limits).build().run(PLANNER.plan(snapshot), snapshot);
      samples = controller.samples();
    }

    assertThat(report.allBackupsSucceeded()).isTrue();
    assertThat(samples).allSatisfy(sample -> assertThat(sample).hasSizeLessThanOrEqualTo(1));
  }

  @Test
  void perNodeGroupingRunsOneJobForTheClaimsOfOneNode() throws Exception {
    ClusterSnapshot snapshot = claimsOnNodes(Map.of("a", "node-1", "b", "node-1", "c", "node-2"));
    ExecutorOptions perNode = ExecutorOptions.builder().from(FAST).grouping(Grouping.PER_NODE).build();

    BackupReport report;
    Set<String> jobs;
    try (FakeJobController controller = FakeJobController.start(api.client(), NAMESPACE, FakeJobController.completeAfter(1))) {
      report = executor(perNode).build().run(PLANNER.plan(snapshot), snapshot);
      jobs = controller.seen();
    }

    assertThat(report.allBackupsSucceeded()).isTrue();
    assertThat(jobs).hasSize(2);
    Map<String, Outcome> outcomes = bySubjectName(report);
    assertThat(outcomes.get("a").unitId()).isEqualTo(outcomes.get("b").unitId());
    assertThat(outcomes.get("a").unitId()).isNotEqualTo(outcomes.get("c").unitId());
  }

  @Test
  void restartWithTheSameRunIdAdoptsTheJobsOfTheFirstProcess() throws Exception {
    ClusterSnapshot snapshot = claimsOnNodes(Map.of("a", "node-1", "b", "node-2", "c", "node-3"));
    BackupPlan plan = PLANNER.plan(snapshot);
    // What a first process created before it was killed: the Jobs of a and b, one of them finished.
    BatchV1Api batch = new BatchV1Api(api.client());
    RunContext context = RunContext.of(RunId.of("test"), TOOL, snapshot);
    for (BackupUnit unit : BackupUnits.of(plan, Grouping.PER_CLAIM, PLANNER.strategies())) {
      if (!unit.claimNames().get(0).equals("c")) {
        V1Job job = (V1Job) PLANNER.strategies().get(0).workflow(unit, context).manifests().get(0);
        batch.createNamespacedJob(NAMESPACE, job).execute();
      }
    }
    api.takeRequests();

    BackupReport report;
    try (FakeJobController controller = FakeJobController.start(api.client(), NAMESPACE, FakeJobController.completeAfter(2))) {
      report = executor(FAST).build().run(plan, snapshot);
    }

    assertThat(report.allBackupsSucceeded()).isTrue();
    long creates = api.takeRequests().stream().filter(request -> request.startsWith("POST ")).count();
    assertThat(creates).as("only the Job of c is created").isEqualTo(1);
    assertThat(events).filteredOn(event -> event.type() == ProgressEvent.Type.ADOPTED)
        .extracting(event -> event.claims().get(0)).containsExactlyInAnyOrder("a", "b");
    assertThat(jobsLeft()).isEmpty();
  }

  @Test
  void interruptionDeletesWhatRunsAndReportsTheRestAsNotRun() throws Exception {
    ClusterSnapshot snapshot = claimsOnNodes(Map.of("a", "node-1", "b", "node-1"));
    List<BackupReport> reports = Collections.synchronizedList(new ArrayList<>());
    List<Boolean> interruptFlag = Collections.synchronizedList(new ArrayList<>());
    Thread runner = new Thread(() -> {
      reports.add(executor(FAST).build().run(PLANNER.plan(snapshot), snapshot));
      interruptFlag.add(Thread.currentThread().isInterrupted());
    });

    runner.start();
    while (events.stream().noneMatch(event -> event.type() == ProgressEvent.Type.STARTED)) {
      Thread.sleep(5);
    }
    runner.interrupt();
    runner.join(10_000);

    assertThat(runner.isAlive()).isFalse();
    BackupReport report = reports.get(0);
    assertThat(report.interrupted()).isTrue();
    assertThat(interruptFlag).containsExactly(true);
    assertThat(report.outcomes()).extracting(Outcome::status).containsOnly(OutcomeStatus.NOT_RUN);
    assertThat(report.outcomes()).extracting(Outcome::reason).containsOnly(OutcomeReason.INTERRUPTED);
    assertThat(jobsLeft()).isEmpty();
  }

  @Test
  void aUnitThatRunsTooLongTimesOutAndIsDeleted() throws Exception {
    ClusterSnapshot snapshot = claimsOnNodes(Map.of("a", "node-1"));
    ExecutorOptions impatient = ExecutorOptions.builder().from(FAST).unitTimeout(Duration.ofMillis(150)).build();

    BackupReport report = executor(impatient).build().run(PLANNER.plan(snapshot), snapshot);

    Outcome outcome = report.outcomes().get(0);
    assertThat(outcome.reason()).isEqualTo(OutcomeReason.TIMED_OUT);
    assertThat(outcome.message()).contains("did not finish within PT0.15S");
    assertThat(jobsLeft()).isEmpty();
  }

  @Test
  void failedUnitsAreKeptWhenAsked() throws Exception {
    ClusterSnapshot snapshot = claimsOnNodes(Map.of("a", "node-1"));
    ExecutorOptions keep = ExecutorOptions.builder().from(FAST).keepFailedUnits(true).build();

    BackupReport report;
    try (FakeJobController controller = FakeJobController.start(api.client(), NAMESPACE, (job, looks) -> Verdict.FAIL)) {
      report = executor(keep).build().run(PLANNER.plan(snapshot), snapshot);
    }

    assertThat(report.outcomes().get(0).reason()).isEqualTo(OutcomeReason.BACKUP_FAILED);
    assertThat(jobsLeft()).hasSize(1);
  }
}
