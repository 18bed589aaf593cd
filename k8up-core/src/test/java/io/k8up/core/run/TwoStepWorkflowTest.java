package io.k8up.core.run;

import static io.k8up.core.run.BackupExecutorTest.FAST;
import static io.k8up.core.run.BackupExecutorTest.TOOL;
import static io.k8up.core.run.BackupExecutorTest.claimsOnNodes;
import static io.k8up.core.testing.Fixtures.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import io.k8up.core.model.ClaimTarget;
import io.k8up.core.plan.BackupPlanner;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.ResourceType;
import io.k8up.core.spi.RunContext;
import io.k8up.core.spi.RunId;
import io.k8up.core.spi.RunObjects;
import io.k8up.core.spi.Step;
import io.k8up.core.spi.StepFailure;
import io.k8up.core.spi.StepState;
import io.k8up.core.spi.Support;
import io.k8up.core.spi.VolumeAccessStrategy;
import io.k8up.core.spi.Workflow;
import io.k8up.core.spi.support.JobSteps;
import io.k8up.core.testing.FakeJobController;
import io.k8up.core.testing.MockApiServer;
import io.k8up.core.testing.TestStrategy;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.BatchV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimSpec;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimStatus;
import io.kubernetes.client.openapi.models.V1VolumeResourceRequirements;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The extension point: a strategy of two steps — a scratch claim, done once bound, then a Job —
 * runs through the engine with no change to the core, as the csi-snapshot strategy does.
 */
@Timeout(30)
class TwoStepWorkflowTest {

  /** A scratch claim first, then the tool's Job, as {@code docs/writing-a-strategy.md} shows. */
  static final VolumeAccessStrategy SCRATCH_THEN_JOB = new VolumeAccessStrategy() {
    private final TestStrategy jobs = TestStrategy.nodeBound("scratch", target -> true, "");

    @Override
    public String id() {
      return "scratch";
    }

    @Override
    public Support supports(ClaimTarget target, ClusterSnapshot snapshot) {
      return Support.supported();
    }

    @Override
    public ImmutableList<ResourceType> createdKinds() {
      return ImmutableList.of(ResourceType.PERSISTENT_VOLUME_CLAIM, ResourceType.JOB);
    }

    @Override
    public Workflow workflow(BackupUnit unit, RunContext context) {
      String name = RunObjects.name(context.runId(), unit);
      V1PersistentVolumeClaim scratch = new V1PersistentVolumeClaim().apiVersion("v1").kind("PersistentVolumeClaim")
          .metadata(new V1ObjectMeta().name(name).namespace(unit.namespace())
              .labels(RunObjects.labels(context.runId(), unit, context.tool())))
          .spec(new V1PersistentVolumeClaimSpec().accessModes(List.of("ReadWriteOnce"))
              .resources(new V1VolumeResourceRequirements().requests(Map.of("storage", Quantity.fromString("1Gi")))));
      V1Job job = (V1Job) jobs.workflow(unit, context).manifests().get(0);
      Step claim = Step.builder()
          .name("scratch claim")
          .addObjects(scratch)
          .observed(ImmutableSet.of(ResourceType.PERSISTENT_VOLUME_CLAIM))
          .readiness(look -> look.object(ResourceType.PERSISTENT_VOLUME_CLAIM, name)
              .map(found -> look.read(found, V1PersistentVolumeClaim.class))
              .map(found -> found.getStatus() != null && "Bound".equals(found.getStatus().getPhase())
                  ? StepState.done() : StepState.inProgress("Claim " + name + " was never bound."))
              .orElseGet(() -> StepState.failed(StepFailure.VANISHED,
                  "claim " + name + " was deleted before it was bound; run the backup again")))
          .build();
      return Workflow.of(claim, JobSteps.backup(job, context.runId()));
    }
  };

  static final BackupPlanner PLANNER = BackupPlanner.builder().strategies(List.of(SCRATCH_THEN_JOB)).build();

  @RegisterExtension final MockApiServer api = new MockApiServer();

  final List<ProgressEvent> events = new CopyOnWriteArrayList<>();

  @Test
  void theJobIsCreatedOnlyOnceTheFirstStepIsDoneAndBothAreDeletedAtTheEnd() throws Exception {
    ClusterSnapshot snapshot = claimsOnNodes(Map.of("data", "node-1"));
    Set<String> claimsWhenTheJobRan = ConcurrentHashMap.newKeySet();
    Thread binder = claimBinder();

    BackupReport report;
    try (FakeJobController jobs = FakeJobController.start(api.client(), NAMESPACE, (job, looks) -> {
      new CoreV1Api(api.client()).listNamespacedPersistentVolumeClaim(NAMESPACE).execute().getItems()
          .forEach(claim -> claimsWhenTheJobRan.add(claim.getMetadata().getName() + "=" + claim.getStatus().getPhase()));
      return FakeJobController.Verdict.COMPLETE;
    })) {
      report = BackupExecutor.builder().client(api.client()).planner(PLANNER).tool(TOOL).runId(RunId.of("test"))
          .options(FAST).listener(events::add).build().run(PLANNER.plan(snapshot), snapshot);
    } finally {
      binder.interrupt();
    }

    Outcome outcome = report.outcomes().get(0);
    assertThat(outcome.status()).as(outcome.message()).isEqualTo(OutcomeStatus.SUCCEEDED);
    assertThat(outcome.strategy()).contains("scratch");
    assertThat(claimsWhenTheJobRan).isNotEmpty().allSatisfy(seen -> assertThat(seen).endsWith("=Bound"));
    assertThat(new CoreV1Api(api.client()).listNamespacedPersistentVolumeClaim(NAMESPACE).execute().getItems())
        .as("the scratch claim is deleted").isEmpty();
    assertThat(new BatchV1Api(api.client()).listNamespacedJob(NAMESPACE).execute().getItems()).isEmpty();
  }

  @Test
  void aFirstStepThatNeverEndsTimesOutWithItsLastProblemAndLeavesNothing() throws Exception {
    ClusterSnapshot snapshot = claimsOnNodes(Map.of("data", "node-1"));
    ExecutorOptions impatient = ExecutorOptions.builder().from(FAST).unitTimeout(Duration.ofMillis(200))
        .build();

    BackupReport report = BackupExecutor.builder().client(api.client()).planner(PLANNER).tool(TOOL)
        .runId(RunId.of("test")).options(impatient).build().run(PLANNER.plan(snapshot), snapshot);

    Outcome outcome = report.outcomes().get(0);
    assertThat(outcome.reason()).isEqualTo(OutcomeReason.TIMED_OUT);
    assertThat(outcome.message()).contains("was never bound");
    assertThat(new CoreV1Api(api.client()).listNamespacedPersistentVolumeClaim(NAMESPACE).execute().getItems())
        .isEmpty();
    assertThat(new BatchV1Api(api.client()).listNamespacedJob(NAMESPACE).execute().getItems())
        .as("the second step never started").isEmpty();
  }

  @Test
  void aReadinessCheckThatThrowsFailsItsUnitAsTheStrategysFaultAndLeavesNothing() throws Exception {
    ClusterSnapshot snapshot = claimsOnNodes(Map.of("data", "node-1"));
    VolumeAccessStrategy broken = new VolumeAccessStrategy() {
      @Override
      public String id() {
        return "broken";
      }

      @Override
      public Support supports(ClaimTarget target, ClusterSnapshot cluster) {
        return Support.supported();
      }

      @Override
      public Workflow workflow(BackupUnit unit, RunContext context) {
        V1Job job = (V1Job) SCRATCH_THEN_JOB.workflow(unit, context).manifests().get(1);
        return Workflow.of(Step.builder().name("backup").addObjects(job).observed(ImmutableSet.of(ResourceType.JOB))
            .readiness(look -> {
              throw new IllegalStateException("no idea");
            }).build());
      }
    };
    BackupPlanner planner = BackupPlanner.builder().strategies(List.of(broken)).build();

    BackupReport report = BackupExecutor.builder().client(api.client()).planner(planner).tool(TOOL)
        .runId(RunId.of("test")).options(FAST).build().run(planner.plan(snapshot), snapshot);

    Outcome outcome = report.outcomes().get(0);
    assertThat(outcome.reason()).isEqualTo(OutcomeReason.MATERIALIZE_FAILED);
    assertThat(outcome.message()).contains("strategy broken could not tell where step backup stands: no idea");
    assertThat(new BatchV1Api(api.client()).listNamespacedJob(NAMESPACE).execute().getItems()).isEmpty();
  }

  /** Plays the volume binder: every claim it sees is bound. */
  private Thread claimBinder() {
    Thread thread = new Thread(() -> {
      CoreV1Api core = new CoreV1Api(api.client());
      try {
        while (!Thread.currentThread().isInterrupted()) {
          for (V1PersistentVolumeClaim claim : core.listNamespacedPersistentVolumeClaim(NAMESPACE).execute().getItems()) {
            if (claim.getStatus() == null || !"Bound".equals(claim.getStatus().getPhase())) {
              claim.status(new V1PersistentVolumeClaimStatus().phase("Bound"));
              core.replaceNamespacedPersistentVolumeClaim(claim.getMetadata().getName(), NAMESPACE, claim).execute();
            }
          }
          Thread.sleep(5);
        }
      } catch (InterruptedException | ApiException e) {
        // Stopped by the test, or the run deleted the claim meanwhile.
      }
    }, "fake-volume-binder");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

}
