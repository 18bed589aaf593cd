package io.k8up.core.run;

import io.k8up.core.spi.Grouping;

import io.k8up.core.spi.RunObjects;

import io.k8up.core.spi.RunId;

import io.k8up.core.spi.RunContext;

import io.k8up.core.spi.BackupUnit;

import static io.k8up.core.run.BackupExecutorTest.FAST;
import static io.k8up.core.run.BackupExecutorTest.PLANNER;
import static io.k8up.core.run.BackupExecutorTest.TOOL;
import static io.k8up.core.run.BackupExecutorTest.claimsOnNodes;
import static io.k8up.core.testing.Fixtures.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.ClusterCapabilities;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.plan.BackupPlan;
import io.k8up.core.plan.BackupPlanner;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.Workflow;
import io.k8up.core.spi.Support;
import io.k8up.core.spi.VolumeAccessStrategy;
import io.k8up.core.testing.FakeJobController.Verdict;
import io.k8up.core.testing.FakeJobController;
import io.k8up.core.testing.MockApiServer;
import io.k8up.core.testing.TestStrategy;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.BatchV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.CoreV1EventList;
import io.kubernetes.client.openapi.models.V1ContainerState;
import io.kubernetes.client.openapi.models.V1ContainerStateWaiting;
import io.kubernetes.client.openapi.models.V1ContainerStatus;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1ObjectReference;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodCondition;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** API faults, stale placements and pods that cannot start, against the mock API server. */
@Timeout(60)
class ExecutorFaultsTest {

  private static final String JOBS = "/apis/batch/v1/namespaces/" + NAMESPACE + "/jobs";
  private static final String STATUS = "{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"message\":\"%s\"}";

  @RegisterExtension
  final MockApiServer api = new MockApiServer();

  final List<ProgressEvent> events = new CopyOnWriteArrayList<>();

  BackupExecutor.Builder executor(ApiClient client, ExecutorOptions options) {
    return BackupExecutor.builder()
        .client(client)
        .planner(PLANNER)
        .tool(TOOL)
        .runId(RunId.of("test"))
        .options(options)
        .listener(events::add);
  }

  List<String> jobsLeft() throws ApiException {
    return new BatchV1Api(api.client()).listNamespacedJob(NAMESPACE).execute().getItems().stream()
        .map(job -> job.getMetadata().getName()).toList();
  }

  @Test
  void throttlingServerErrorsAndALostAnswerAreRetried() throws Exception {
    ClusterSnapshot snapshot = claimsOnNodes(Map.of("a", "node-1"));
    api.server().expect().post().withPath(JOBS).andReturn(500, STATUS.formatted("etcd is sad")).once();
    api.server().expect().post().withPath(JOBS).andReturn(429, STATUS.formatted("slow down")).once();
    api.server().expect().post().delay(2, TimeUnit.SECONDS).withPath(JOBS).andReturn(201, "{}").once();
    api.server().expect().get().withPath(JOBS + "?labelSelector=" + encodedSelector())
        .andReturn(503, STATUS.formatted("unavailable")).once();
    ApiClient impatient = MockApiServer.clientFor(api.baseUrl());
    impatient.setHttpClient(impatient.getHttpClient().newBuilder()
        .readTimeout(Duration.ofMillis(300)).callTimeout(Duration.ofSeconds(1)).build());

    BackupReport report;
    try (FakeJobController controller = FakeJobController.start(api.client(), NAMESPACE, FakeJobController.completeAfter(1))) {
      report = executor(impatient, FAST).build().run(PLANNER.plan(snapshot), snapshot);
    }

    assertThat(report.outcomes().get(0).status()).isEqualTo(OutcomeStatus.SUCCEEDED);
    long posts = api.takeRequests().stream().filter(request -> request.equals("POST " + JOBS)).count();
    assertThat(posts).as("500, 429, no answer, then created").isEqualTo(4);
    assertThat(jobsLeft()).isEmpty();
  }

  @Test
  void retriesRunOutIntoAnApiError() throws Exception {
    ClusterSnapshot snapshot = claimsOnNodes(Map.of("a", "node-1"));
    api.server().expect().post().withPath(JOBS).andReturn(503, STATUS.formatted("down for maintenance")).always();
    ExecutorOptions twoTries = ExecutorOptions.builder().from(FAST).apiAttempts(2).build();

    BackupReport report = executor(api.client(), twoTries).build().run(PLANNER.plan(snapshot), snapshot);

    Outcome outcome = report.outcomes().get(0);
    assertThat(outcome.reason()).isEqualTo(OutcomeReason.API_ERROR);
    assertThat(outcome.message()).contains("HTTP 503", "create jobs.batch in namespace shop", "down for maintenance");
    assertThat(report.apiRequests()).as("a look for Jobs to adopt, then two tries").isEqualTo(3);
  }

  @Test
  void aForbiddenCreateSaysWhatToGrant() throws Exception {
    ClusterSnapshot snapshot = claimsOnNodes(Map.of("a", "node-1"));
    api.server().expect().post().withPath(JOBS).andReturn(403, STATUS.formatted("forbidden")).always();

    BackupReport report = executor(api.client(), FAST).build().run(PLANNER.plan(snapshot), snapshot);

    Outcome outcome = report.outcomes().get(0);
    assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
    assertThat(outcome.reason()).isEqualTo(OutcomeReason.FORBIDDEN);
    assertThat(outcome.message()).contains("grant \"create\" on jobs (apiGroup batch) in namespace shop");
    assertThat(report.apiRequests()).as("a look for Jobs to adopt, then one refused create").isEqualTo(2);
  }

  @Test
  void aForeignJobWithTheUnitsNameIsNeitherAdoptedNorDeleted() throws Exception {
    ClusterSnapshot snapshot = claimsOnNodes(Map.of("a", "node-1"));
    BackupPlan plan = PLANNER.plan(snapshot);
    BackupUnit unit = BackupUnits.of(plan, Grouping.PER_CLAIM, PLANNER.strategies()).get(0);
    V1Job foreign = (V1Job) PLANNER.strategies().get(0)
        .workflow(unit, RunContext.of(RunId.of("test"), TOOL, snapshot)).manifests().get(0);
    foreign.getMetadata().setLabels(Map.of("app", "someone-else"));
    new BatchV1Api(api.client()).createNamespacedJob(NAMESPACE, foreign).execute();

    BackupReport report = executor(api.client(), FAST).build().run(plan, snapshot);

    assertThat(report.outcomes().get(0).reason()).isEqualTo(OutcomeReason.NAME_CONFLICT);
    assertThat(jobsLeft()).containsExactly(foreign.getMetadata().getName());
  }

  @Test
  void anUnschedulablePodIsReplannedOntoWhereTheClaimIsNowMounted() throws Exception {
    ClusterSnapshot before = claimsOnNodes(Map.of("a", "node-1"));
    ClusterSnapshot after = claimsOnNodes(Map.of("a", "node-2"));
    AtomicInteger reads = new AtomicInteger();

    BackupReport report;
    try (FakeJobController controller = FakeJobController.start(api.client(), NAMESPACE, unschedulableThenComplete())) {
      report = executor(api.client(), FAST)
          .snapshots(namespaces -> {
            reads.incrementAndGet();
            return after;
          })
          .build().run(PLANNER.plan(before), before);
    }

    Outcome outcome = report.outcomes().get(0);
    assertThat(outcome.status()).isEqualTo(OutcomeStatus.SUCCEEDED);
    assertThat(outcome.attempts()).isEqualTo(2);
    assertThat(outcome.node()).contains("node-2");
    assertThat(reads).hasValue(1);
    assertThat(events).filteredOn(event -> event.type() == ProgressEvent.Type.RETRIED).singleElement()
        .satisfies(event -> assertThat(event.message()).contains("could not be scheduled", "didn't match"));
    assertThat(jobsLeft()).isEmpty();
  }

  @Test
  void aReplanKeepsWhatTheRunKnewOfTheClusterWhenTheFreshReadLacksIt() throws Exception {
    ClusterCapabilities discovered = ClusterCapabilities.builder().version("v1.31.0").addServedResources("pods").build();
    ClusterSnapshot before = claimsOnNodes(Map.of("a", "node-1")).withCapabilities(discovered);
    ClusterSnapshot afterWithoutDiscovery = claimsOnNodes(Map.of("a", "node-2"));
    // A strategy that needs to know the cluster: without the run's capabilities it would refuse.
    BackupPlanner planner = BackupPlanner.builder().strategies(List.of(new CapabilityAwareStrategy())).build();

    BackupReport report;
    try (FakeJobController controller = FakeJobController.start(api.client(), NAMESPACE, unschedulableThenComplete())) {
      report = BackupExecutor.builder().client(api.client()).planner(planner).tool(TOOL).runId(RunId.of("test"))
          .options(FAST).snapshots(namespaces -> afterWithoutDiscovery).build()
          .run(planner.plan(before), before);
    }

    Outcome outcome = report.outcomes().get(0);
    assertThat(outcome.status()).as(outcome.message()).isEqualTo(OutcomeStatus.SUCCEEDED);
    assertThat(outcome.attempts()).isEqualTo(2);
  }

  /** Supports claims only on a cluster whose capabilities were discovered. */
  private static final class CapabilityAwareStrategy implements VolumeAccessStrategy {
    private final TestStrategy jobs = TestStrategy.nodeBound("aware", target -> true, "");

    @Override
    public String id() {
      return "aware";
    }

    @Override
    public Support supports(ClaimTarget target, ClusterSnapshot snapshot) {
      return snapshot.capabilities().discovered() ? Support.supported() : Support.unsupported("cluster unknown");
    }

    @Override
    public Workflow workflow(BackupUnit unit, RunContext context) {
      return jobs.workflow(unit, context);
    }
  }

  @Test
  void aPlacementThatStaysStaleFailsAfterTheLastAttempt() throws Exception {
    // Every fresh read finds the application on another node, where the backup pod cannot be scheduled either.
    AtomicInteger reads = new AtomicInteger(1);
    ClusterSnapshot snapshot = claimsOnNodes(Map.of("a", "node-1"));

    BackupReport report;
    try (FakeJobController controller = FakeJobController.start(api.client(), NAMESPACE, (job, looks) -> {
      if (looks == 1) {
        createPodFor(job, unschedulable());
      }
      return Verdict.KEEP_RUNNING;
    })) {
      report = executor(api.client(), FAST)
          .snapshots(namespaces -> claimsOnNodes(Map.of("a", "node-" + reads.incrementAndGet()))).build()
          .run(PLANNER.plan(snapshot), snapshot);
    }

    Outcome outcome = report.outcomes().get(0);
    assertThat(outcome.reason()).isEqualTo(OutcomeReason.PLACEMENT_STALE);
    assertThat(outcome.attempts()).isEqualTo(3);
    assertThat(outcome.message()).contains("gave up after 3 attempts");
    assertThat(jobsLeft()).isEmpty();
  }

  @Test
  void aRefusedPlacementThatAFreshPlanGivesAgainFailsWithoutWaitingAgain() throws Exception {
    ClusterSnapshot snapshot = claimsOnNodes(Map.of("a", "node-1"));

    BackupReport report;
    try (FakeJobController controller = FakeJobController.start(api.client(), NAMESPACE, (job, looks) -> {
      if (looks == 1) {
        createPodFor(job, unschedulable());
      }
      return Verdict.KEEP_RUNNING;
    })) {
      report = executor(api.client(), FAST).snapshots(namespaces -> snapshot).build()
          .run(PLANNER.plan(snapshot), snapshot);
    }

    Outcome outcome = report.outcomes().get(0);
    assertThat(outcome.reason()).isEqualTo(OutcomeReason.PLACEMENT_STALE);
    assertThat(outcome.attempts()).as("no second wait for the same refusal").isEqualTo(1);
    assertThat(outcome.message()).contains("could not be scheduled", "a fresh plan places the claim the same way",
        "node node-1");
    assertThat(jobsLeft()).isEmpty();
  }

  @Test
  void aBackupPodDeletedWithItsNodeIsReplannedRatherThanFailed() throws Exception {
    ClusterSnapshot snapshot = claimsOnNodes(Map.of("a", "node-1"));
    ClusterSnapshot moved = claimsOnNodes(Map.of("a", "node-2"));

    BackupReport report;
    try (FakeJobController controller = FakeJobController.start(api.client(), NAMESPACE, (job, looks) -> {
      if (attempt(job) > 1) {
        return Verdict.COMPLETE;
      }
      if (looks == 1) {
        createPodFor(job, new V1PodStatus().phase("Running"));
        return Verdict.KEEP_RUNNING;
      }
      if (looks < 40) {
        return Verdict.KEEP_RUNNING;
      }
      // The node is deleted: the pod goes with it, and a Job with backoffLimit 0 fails.
      new CoreV1Api(api.client()).deleteNamespacedPod(job.getMetadata().getName() + "-pod", NAMESPACE).execute();
      return Verdict.FAIL;
    })) {
      report = executor(api.client(), FAST).snapshots(namespaces -> moved).build()
          .run(PLANNER.plan(snapshot), snapshot);
    }

    Outcome outcome = report.outcomes().get(0);
    assertThat(outcome.status()).as(outcome.message()).isEqualTo(OutcomeStatus.SUCCEEDED);
    assertThat(outcome.attempts()).isEqualTo(2);
    assertThat(outcome.node()).contains("node-2");
    assertThat(events).anySatisfy(event -> assertThat(event.message()).contains("was deleted before it finished"));
    assertThat(jobsLeft()).isEmpty();
  }

  @Test
  void aFailedMountIsStaleAndAReplanThatNoLongerBacksUpSettlesTheClaim() throws Exception {
    ClusterSnapshot before = claimsOnNodes(Map.of("a", "node-1"));
    ClusterSnapshot claimGone = ClusterSnapshot.of(List.of(), List.of(), List.of());

    BackupPlan plan = PLANNER.plan(before);
    String pod = RunObjects.name(RunId.of("test"), BackupUnits.of(plan, Grouping.PER_CLAIM, PLANNER.strategies()).get(0)) + "-pod";
    // The mock server cannot select events by involvedObject.name, as a real one does: script it.
    CoreV1EventList mountEvents = new CoreV1EventList().apiVersion("v1").kind("EventList").items(List.of(
        new CoreV1Event().apiVersion("v1").kind("Event")
            .metadata(new V1ObjectMeta().name(pod + ".mount").namespace(NAMESPACE))
            .involvedObject(new V1ObjectReference().kind("Pod").name(pod))
            .reason("FailedMount")
            .message("MountVolume.SetUp failed for volume \"claim-0\": rpc error")));
    api.server().expect().get()
        .withPath("/api/v1/namespaces/" + NAMESPACE + "/events?fieldSelector="
            + encoded("involvedObject.kind=Pod,involvedObject.name=" + pod) + "&limit=500&watch=false")
        .andReturn(200, api.client().getJSON().serialize(mountEvents)).always();

    BackupReport report;
    try (FakeJobController controller = FakeJobController.start(api.client(), NAMESPACE, (job, looks) -> {
      if (looks == 1) {
        createPodFor(job, pod, new V1PodStatus().phase("Pending"));
      }
      return Verdict.KEEP_RUNNING;
    })) {
      report = executor(api.client(), FAST).snapshots(namespaces -> claimGone).build()
          .run(PLANNER.plan(before), before);
    }

    Outcome outcome = report.outcomes().get(0);
    assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
    assertThat(outcome.reason()).isEqualTo(OutcomeReason.REPLANNED);
    assertThat(outcome.message()).contains("FailedMount", "the claim was deleted during the run");
    assertThat(jobsLeft()).isEmpty();
  }

  @Test
  void aContainerThatCannotStartFailsAtOnceWithTheKubeletsReason() throws Exception {
    ClusterSnapshot snapshot = claimsOnNodes(Map.of("a", "node-1"));

    BackupReport report;
    try (FakeJobController controller = FakeJobController.start(api.client(), NAMESPACE, (job, looks) -> {
      if (looks == 1) {
        createPodFor(job, new V1PodStatus().phase("Pending").containerStatuses(List.of(new V1ContainerStatus()
            .name("backup").image("restic").imageID("").ready(false).restartCount(0)
            .state(new V1ContainerState().waiting(new V1ContainerStateWaiting()
                .reason("CreateContainerConfigError").message("secret \"repository\" not found"))))));
      }
      return Verdict.KEEP_RUNNING;
    })) {
      report = executor(api.client(), FAST).build().run(PLANNER.plan(snapshot), snapshot);
    }

    Outcome outcome = report.outcomes().get(0);
    assertThat(outcome.reason()).isEqualTo(OutcomeReason.TOOL_NOT_STARTED);
    assertThat(outcome.message()).contains("CreateContainerConfigError", "secret \"repository\" not found");
  }

  @Test
  void aThousandClaimsCostRequestsLinearInClaims() throws Exception {
    Map<String, String> nodeByClaim = new TreeMap<>();
    for (int i = 0; i < 1000; i++) {
      nodeByClaim.put("claim-" + i, "node-" + (i % 50));
    }
    ClusterSnapshot snapshot = claimsOnNodes(nodeByClaim);
    ExecutorOptions wide = ExecutorOptions.builder().from(FAST).maxConcurrent(50).build();

    BackupReport report;
    try (FakeJobController controller = FakeJobController.start(api.client(), NAMESPACE, FakeJobController.completeAfter(1))) {
      report = executor(api.client(), wide).build().run(PLANNER.plan(snapshot), snapshot);
    }

    assertThat(report.allBackupsSucceeded()).isTrue();
    // One create and one delete per claim; two lists per look at the namespace, with up to 50
    // units each: far fewer looks than claims.
    assertThat(report.apiRequests()).isBetween(2000L, 2600L);
    assertThat(jobsLeft()).isEmpty();
  }

  /** The first attempt's pod cannot be scheduled; a later attempt's Job completes. */
  private FakeJobController.Script unschedulableThenComplete() {
    return (job, looks) -> {
      if (attempt(job) == 1) {
        if (looks == 1) {
          createPodFor(job, unschedulable());
        }
        return Verdict.KEEP_RUNNING;
      }
      return Verdict.COMPLETE;
    };
  }

  private static int attempt(V1Job job) {
    return Integer.parseInt(job.getMetadata().getLabels().get(K8upAnnotations.ATTEMPT_LABEL));
  }

  private static V1PodStatus unschedulable() {
    return new V1PodStatus().phase("Pending").conditions(List.of(new V1PodCondition()
        .type("PodScheduled").status("False").reason("Unschedulable")
        .message("0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector.")));
  }

  private V1Pod createPodFor(V1Job job, V1PodStatus status) throws ApiException {
    return createPodFor(job, job.getMetadata().getName() + "-pod", status);
  }

  private V1Pod createPodFor(V1Job job, String name, V1PodStatus status) throws ApiException {
    V1Pod pod = new V1Pod().apiVersion("v1").kind("Pod")
        .metadata(new V1ObjectMeta()
            .name(name)
            .labels(job.getSpec().getTemplate().getMetadata().getLabels()))
        .spec(new V1PodSpec().nodeName(status.getConditions().isEmpty() ? "node-1" : null)
            .containers(new ArrayList<>(job.getSpec().getTemplate().getSpec().getContainers())))
        .status(status);
    return new CoreV1Api(api.client()).createNamespacedPod(NAMESPACE, pod).execute();
  }

  private static String encodedSelector() {
    return encoded(RunObjects.selector(RunId.of("test")));
  }

  private static String encoded(String selector) {
    return selector.replace("/", "%2F").replace("=", "%3D").replace(",", "%2C");
  }
}
