package io.k8up.examples.plugin;

import static io.k8up.core.testing.Fixtures.NAMESPACE;
import static io.k8up.core.testing.Fixtures.boundClaim;
import static io.k8up.core.testing.Fixtures.volumeFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.k8up.core.model.AccessMode;
import io.k8up.core.plan.BackupPlan;
import io.k8up.core.plan.BackupPlanner;
import io.k8up.core.plan.Decision;
import io.k8up.core.plan.Explanation;
import io.k8up.core.plan.ExplanationStep;
import io.k8up.core.run.BackupExecutor;
import io.k8up.core.run.BackupReport;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.run.BackupUnits;
import io.k8up.core.run.ExecutorOptions;
import io.k8up.core.spi.Grouping;
import io.k8up.core.run.Outcome;
import io.k8up.core.run.OutcomeReason;
import io.k8up.core.run.OutcomeStatus;
import io.k8up.core.spi.RunContext;
import io.k8up.core.spi.RunId;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.InstalledStrategies;
import io.k8up.core.spi.VolumeAccessStrategy;
import io.k8up.core.testing.FakeJobController;
import io.k8up.core.testing.MockApiServer;
import io.k8up.core.testing.RestrictedProfile;
import io.kubernetes.client.openapi.apis.BatchV1Api;
import io.kubernetes.client.openapi.models.V1Job;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The example plug-in, used as an outsider would: found by {@link InstalledStrategies}, chosen or
 * passed over by the planner, and run by the executor.
 */
@Timeout(30)
class SharedStorageClassStrategyTest {

  static final String ID = SharedStorageClassStrategy.ID;
  static final BackupToolSpec TOOL = BackupToolSpec.restic("repository").build();

  @RegisterExtension
  final MockApiServer api = new MockApiServer();

  /** Two ReadWriteMany claims: {@code shared} of StorageClass nfs-client, {@code fast} of another. */
  static final ClusterSnapshot SNAPSHOT = ClusterSnapshot.of(
      List.of(boundClaim("shared", AccessMode.READ_WRITE_MANY).storageClassName("nfs-client").build(),
          boundClaim("fast", AccessMode.READ_WRITE_MANY).storageClassName("fast-ssd").build()),
      List.of(volumeFor("shared").build(), volumeFor("fast").build()),
      List.of());

  static BackupPlanner planner(List<String> order) {
    return BackupPlanner.builder().strategies(InstalledStrategies.load().inOrder(order)).build();
  }

  static Decision decisionFor(BackupPlan plan, String claim) {
    return plan.decisions().stream().filter(decision -> decision.subject().name().equals(claim))
        .findFirst().orElseThrow();
  }

  @Test
  void isFoundThroughTheServiceLoaderButNotUsedUnlessNamed() {
    InstalledStrategies installed = InstalledStrategies.load();

    assertThat(installed.ids()).contains(ID, "job-per-pvc");
    assertThat(installed.inOrder(List.of(ID)).get(0)).isInstanceOf(SharedStorageClassStrategy.class);
    assertThat(installed.defaultOrder()).extracting(VolumeAccessStrategy::id).doesNotContain(ID);
  }

  @Test
  void isChosenWhenFirstAndPassedOverWithItsReasonWhenItRefuses() {
    BackupPlanner planner = planner(List.of(ID, "job-per-pvc"));
    BackupPlan plan = planner.plan(SNAPSHOT);

    assertThat(decisionFor(plan, "shared").strategy()).contains(ID);
    assertThat(decisionFor(plan, "fast").strategy()).contains("job-per-pvc");

    Explanation why = planner.explain(SNAPSHOT, NAMESPACE, "fast").orElseThrow();
    assertThat(why.steps()).filteredOn(step -> step.rule().equals("strategy " + ID))
        .singleElement()
        .satisfies(step -> {
          assertThat(step.decided()).isFalse();
          assertThat(step.sentence()).contains("StorageClass nfs-client only", "fast-ssd");
        });
    assertThat(why.steps()).extracting(ExplanationStep::rule)
        .containsSubsequence("binding", "strategy " + ID, "strategy job-per-pvc", "access modes");
    assertThat(why.steps()).filteredOn(ExplanationStep::decided).extracting(ExplanationStep::rule)
        .contains("strategy job-per-pvc");
  }

  @Test
  void itsJobPassesTheRestrictedPodSecurityProfile() {
    BackupPlanner planner = planner(List.of(ID));
    VolumeAccessStrategy strategy = planner.strategies().get(0);
    var unit = BackupUnits.of(planner.plan(SNAPSHOT), Grouping.PER_CLAIM, planner.strategies()).get(0);

    V1Job job = (V1Job) strategy.workflow(unit, RunContext.of(RunId.of("t"), TOOL, SNAPSHOT)).manifests().get(0);
    assertThat(RestrictedProfile.violations(job.getSpec().getTemplate())).isEmpty();
    assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).contains("/data/shared");
  }

  @Test
  void theExecutorRunsItsJobToSuccess() throws Exception {
    BackupPlanner planner = planner(List.of(ID));
    BackupPlan plan = planner.plan(SNAPSHOT);
    BackupExecutor executor = BackupExecutor.builder()
        .client(api.client())
        .planner(planner)
        .tool(TOOL)
        .runId(RunId.of("example"))
        .options(ExecutorOptions.builder().pollInterval(Duration.ofMillis(10)).build())
        .build();

    BackupReport report;
    try (FakeJobController controller =
        FakeJobController.start(api.client(), NAMESPACE, FakeJobController.completeAfter(1))) {
      report = executor.run(plan, SNAPSHOT);
    }

    Outcome shared = report.outcomes().stream().filter(outcome -> outcome.subject().name().equals("shared"))
        .findFirst().orElseThrow();
    assertThat(shared.status()).isEqualTo(OutcomeStatus.SUCCEEDED);
    assertThat(shared.reason()).isEqualTo(OutcomeReason.BACKED_UP);
    assertThat(shared.strategy()).contains(ID);
    assertThat(new BatchV1Api(api.client()).listNamespacedJob(NAMESPACE).execute().getItems())
        .as("the run deletes its Job").isEmpty();
  }
}
