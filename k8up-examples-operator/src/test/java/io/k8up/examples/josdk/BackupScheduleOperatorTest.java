package io.k8up.examples.josdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.javaoperatorsdk.operator.Operator;
import io.k8up.core.run.ExecutorOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The reconciler inside the Java Operator SDK itself, on fabric8's mock API server in CRUD mode:
 * the SDK's informers watch the schedules, it puts its finalizer on them, patches the status the
 * reconciler returns, and on deletion calls the cleanup and removes the finalizer. The SDK patches
 * with JSON patches here rather than its default server-side apply, which the mock's CRUD mode
 * does not carry out. The operator's requests, the SDK's included, are checked against {@code
 * deploy/rbac.yaml} as {@link RbacTest} checks the reconciler's.
 */
@Timeout(90)
class BackupScheduleOperatorTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final String OPERATOR = "k8up-rwo-operator";

  @RegisterExtension final MockApiServer api = new MockApiServer();

  @Test
  void theSdkRunsADueScheduleWritesItsStatusAndOnDeletionLeavesNothingBehind() throws Exception {
    KubernetesClient client = api.client();
    Cluster.claimInUse(client, "shop");
    try (KubernetesClient operatorClient = api.clientAs(OPERATOR)) {
      runAndDelete(client, operatorClient);
    }

    // Every request the SDK and the reconciler made, the SDK's own on the schedules included.
    List<RecordedRequest> requests = api.takeRecorded(OPERATOR);
    assertThat(requests).extracting(RecordedRequest::getPath).anyMatch(path -> path.contains("watch=true"));
    Set<String> needed = requests.stream().filter(request -> !RbacTest.isDiscovery(request))
        .map(RbacTest::permission).collect(Collectors.toCollection(TreeSet::new));
    Set<String> granted = RbacTest.grantsByRole(client).values().stream().flatMap(Set::stream)
        .collect(Collectors.toSet());
    assertThat(needed).as("add these to %s", RbacTest.RBAC).isSubsetOf(granted).contains(
        "backup.k8up.io/backupschedules:list", "backup.k8up.io/backupschedules:watch",
        "backup.k8up.io/backupschedules/status:patch", "batch/jobs:create");
  }

  private void runAndDelete(KubernetesClient client, KubernetesClient operatorClient) throws Exception {
    // JSON patches instead of server-side apply, which the mock server's CRUD mode does not apply.
    Operator operator = new Operator(config -> config.withKubernetesClient(operatorClient).withCloseClientOnStop(false)
        .withUseSSAToPatchPrimaryResource(false)
        .withCacheSyncTimeout(PATIENCE).withReconciliationTerminationTimeout(Duration.ofSeconds(10)));
    operator.register(BackupScheduleReconciler.builder()
        .executorOptions(ExecutorOptions.builder().pollInterval(Duration.ofMillis(20)).build()).build());

    try (JobController jobs = new JobController(client, "shop", "Complete")) {
      operator.start();
      try {
        Cluster.schedule(client, "nightly", "shop");

        BackupSchedule ran = await("the status of a run", () -> {
          BackupSchedule schedule = stored(client);
          return schedule.getStatus() != null && schedule.getStatus().getLastRunId() != null ? schedule : null;
        });
        assertThat(ran.getMetadata().getFinalizers()).as("the SDK's, for the cleanup")
            .containsExactly("backupschedules.backup.k8up.io/finalizer");
        assertThat(ran.getStatus().getOutcomes()).singleElement().satisfies(outcome -> {
          assertThat(outcome.getName()).isEqualTo("shop/data");
          assertThat(outcome.getStatus()).as(outcome.getMessage()).isEqualTo("SUCCEEDED");
        });
        assertThat(ran.getStatus().getConditions()).allSatisfy(condition -> {
          assertThat(condition.getStatus()).isEqualTo("True");
          assertThat(condition.getObservedGeneration()).isEqualTo(ran.getMetadata().getGeneration());
        });
        assertThat(jobs.seen()).singleElement().asString().startsWith("k8up-rwo-" + ran.getStatus().getLastRunId());
        assertThat(client.v1().events().inNamespace("ops").list().getItems()).extracting(Event::getReason)
            .contains("BackupSucceeded");

        client.resource(ran).delete();

        await("the schedule to be gone", () -> stored(client) == null ? Boolean.TRUE : null);
        assertThat(client.batch().v1().jobs().inAnyNamespace().list().getItems()).isEmpty();
        assertThat(jobs.seen()).as("no run after the deletion").hasSize(1);
      } finally {
        operator.stop();
      }
    }
  }

  private static BackupSchedule stored(KubernetesClient client) {
    return client.resources(BackupSchedule.class).inNamespace("ops").withName("nightly").get();
  }

  /** Polls {@code what} until it gives a value, for at most {@link #PATIENCE}. */
  private static <T> T await(String description, Supplier<T> what) throws InterruptedException {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (Instant.now().isBefore(deadline)) {
      T value = what.get();
      if (value != null) {
        return value;
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
    throw new AssertionError("waited " + PATIENCE + " for " + description);
  }
}
