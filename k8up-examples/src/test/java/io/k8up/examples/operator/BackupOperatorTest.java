package io.k8up.examples.operator;

import static io.k8up.core.testing.Fixtures.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import io.k8up.core.run.BackupReport;
import io.k8up.core.run.ExecutorOptions;
import io.k8up.core.run.Outcome;
import io.k8up.core.run.OutcomeStatus;
import io.k8up.core.testing.FakeJobController;
import io.k8up.core.testing.MockApiServer;
import io.k8up.core.testing.TestStrategy;
import io.kubernetes.client.common.KubernetesListObject;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.informer.ListerWatcher;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.BatchV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PersistentVolume;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimList;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimSpec;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimStatus;
import io.kubernetes.client.openapi.models.V1PersistentVolumeList;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodList;
import io.kubernetes.client.util.CallGeneratorParams;
import io.kubernetes.client.util.Watchable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The operator example: informer caches, scheduled backups from them, and a shutdown that cleans up. */
@Timeout(60)
class BackupOperatorTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String CLAIM_LIST = "GET /api/v1/namespaces/" + NAMESPACE + "/persistentvolumeclaims";
  private static final String POD_LIST = "GET /api/v1/namespaces/" + NAMESPACE + "/pods";
  private static final String VOLUME_LIST = "GET /api/v1/persistentvolumes";

  @RegisterExtension final MockApiServer api = new MockApiServer();

  private final WatchQueue<V1PersistentVolumeClaim> claimEvents = new WatchQueue<>();
  private final WatchQueue<V1PersistentVolume> volumeEvents = new WatchQueue<>();
  private final BlockingQueue<BackupReport> reports = new LinkedBlockingQueue<>();

  @Test
  void backsUpFromTheCachesAndAWatchedClaimNeedsNoNewList() throws Exception {
    createSharedClaim("data");
    try (FakeJobController jobs = FakeJobController.start(api.client(), NAMESPACE, FakeJobController.completeAfter(3));
        BackupOperator operator = operator()) {
      operator.start();

      BackupReport first = nextReportCovering("data");
      assertThat(first.outcomes()).extracting(Outcome::status).containsOnly(OutcomeStatus.SUCCEEDED);
      assertThat(api.takeRequests()).contains(CLAIM_LIST, POD_LIST, VOLUME_LIST);

      volumeEvents.add("ADDED", volume("logs"));
      claimEvents.add("ADDED", claim("logs"));
      BackupReport covering = nextReportCovering("logs");

      assertThat(covering.outcomes()).extracting(Outcome::status).containsOnly(OutcomeStatus.SUCCEEDED);
      assertThat(api.takeRequests()).doesNotContain(CLAIM_LIST, POD_LIST, VOLUME_LIST);
      assertThat(jobs.samples()).allSatisfy(present -> assertThat(runIdsOf(present)).hasSizeLessThanOrEqualTo(1));
    }
  }

  @Test
  void shutdownDuringABackupInterruptsItAndLeavesNoJob() throws Exception {
    createSharedClaim("data");
    try (FakeJobController jobs = FakeJobController.start(api.client(), NAMESPACE, (job, looks) -> FakeJobController.Verdict.KEEP_RUNNING);
        BackupOperator operator = operator()) {
      operator.start();
      awaitTrue(() -> !jobs.seen().isEmpty());

      assertThat(operator.shutdown()).isTrue();

      BackupReport report = reports.poll(1, TimeUnit.SECONDS);
      assertThat(report).isNotNull();
      assertThat(report.interrupted()).isTrue();
      assertThat(report.outcomes()).extracting(Outcome::status).containsOnly(OutcomeStatus.NOT_RUN);
      assertThat(new BatchV1Api(api.client()).listNamespacedJob(NAMESPACE).execute().getItems()).isEmpty();
    }
  }

  @Test
  void anOperatorThatNeverStartedShutsDownAtOnceAndTwice() {
    BackupOperator operator = operator();

    assertThat(operator.shutdown()).isTrue();
    assertThat(operator.shutdown()).isTrue();
    assertThat(reports).isEmpty();
  }

  @Test
  void theDefaultSourcesListThroughTheClient() throws Exception {
    createSharedClaim("data");

    V1PersistentVolumeClaimList claims = InformerSources.from(api.client()).claims(NAMESPACE)
        .list(new CallGeneratorParams(false, null, null));

    assertThat(claims.getItems()).extracting(claim -> claim.getMetadata().getName()).containsExactly("data");
  }

  private BackupOperator operator() {
    return BackupOperator.builder()
        .client(api.client())
        .namespaces(List.of(NAMESPACE))
        .period(Duration.ofMillis(100))
        .shutdownTimeout(Duration.ofSeconds(10))
        .sources(new TestSources())
        .settings(backups -> backups
            .strategies(List.of(TestStrategy.nodeBound("jobs", target -> true, "")))
            .executorOptions(ExecutorOptions.builder().pollInterval(Duration.ofMillis(10)).build()))
        .listener(reports::add)
        .build();
  }

  /** Lists from the mock server, and watches from the test's queues; pods get no events. */
  private final class TestSources implements InformerSources {

    private final CoreV1Api core = new CoreV1Api(api.client());

    @Override
    public ListerWatcher<V1PersistentVolumeClaim, V1PersistentVolumeClaimList> claims(String namespace) {
      return listerWatcher(() -> core.listNamespacedPersistentVolumeClaim(namespace).execute(), claimEvents);
    }

    @Override
    public ListerWatcher<V1Pod, V1PodList> pods(String namespace) {
      return listerWatcher(() -> core.listNamespacedPod(namespace).execute(), new WatchQueue<>());
    }

    @Override
    public ListerWatcher<V1PersistentVolume, V1PersistentVolumeList> volumes() {
      return listerWatcher(() -> core.listPersistentVolume().execute(), volumeEvents);
    }
  }

  @FunctionalInterface
  private interface ListCall<L> {
    L list() throws ApiException;
  }

  private static <T extends KubernetesObject, L extends KubernetesListObject> ListerWatcher<T, L> listerWatcher(
      ListCall<L> list, WatchQueue<T> events) {
    return new ListerWatcher<>() {
      @Override
      public L list(CallGeneratorParams params) throws ApiException {
        return list.list();
      }

      @Override
      public Watchable<T> watch(CallGeneratorParams params) {
        return events.watch();
      }
    };
  }

  private BackupReport nextReportCovering(String claim) throws InterruptedException {
    Instant deadline = Instant.now().plus(WAIT);
    while (Instant.now().isBefore(deadline)) {
      BackupReport report = reports.poll(100, TimeUnit.MILLISECONDS);
      if (report != null && report.outcomes().stream().anyMatch(outcome -> outcome.subject().name().equals(claim))) {
        return report;
      }
    }
    throw new AssertionError("no backup of " + claim + " within " + WAIT);
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(WAIT);
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as("waiting for a condition").isBefore(deadline);
      Thread.sleep(10);
    }
  }

  // Job names are k8up-rwo-<run id>-<unit>; a run id holds one dash.
  private static Set<String> runIdsOf(Set<String> jobNames) {
    return jobNames.stream().map(name -> name.substring(0, name.lastIndexOf('-'))).collect(Collectors.toSet());
  }

  private void createSharedClaim(String name) throws Exception {
    CoreV1Api core = new CoreV1Api(api.client());
    core.createPersistentVolume(volume(name)).execute();
    core.createNamespacedPersistentVolumeClaim(NAMESPACE, claim(name)).execute();
  }

  private static V1PersistentVolume volume(String claim) {
    return new V1PersistentVolume().apiVersion("v1").kind("PersistentVolume")
        .metadata(new V1ObjectMeta().name("pv-" + claim));
  }

  private static V1PersistentVolumeClaim claim(String name) {
    return new V1PersistentVolumeClaim().apiVersion("v1").kind("PersistentVolumeClaim")
        .metadata(new V1ObjectMeta().namespace(NAMESPACE).name(name))
        .spec(new V1PersistentVolumeClaimSpec().accessModes(List.of("ReadWriteMany")).volumeName("pv-" + name))
        .status(new V1PersistentVolumeClaimStatus().phase("Bound"));
  }
}
