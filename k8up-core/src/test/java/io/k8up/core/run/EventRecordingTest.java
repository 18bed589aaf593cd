package io.k8up.core.run;

import io.k8up.core.spi.BackupToolSpec;

import io.k8up.core.spi.RunId;

import static io.k8up.core.run.BackupExecutorTest.FAST;
import static io.k8up.core.run.BackupExecutorTest.PLANNER;
import static io.k8up.core.testing.Fixtures.NAMESPACE;
import static io.k8up.core.testing.Fixtures.boundClaim;
import static io.k8up.core.testing.Fixtures.runningPod;
import static io.k8up.core.testing.Fixtures.volumeFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.k8up.core.model.AccessMode;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.plan.BackupPlan;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.testing.ExecScript;
import io.k8up.core.testing.FakeJobController.Verdict;
import io.k8up.core.testing.FakeJobController;
import io.k8up.core.testing.MockApiServer;
import io.k8up.core.testing.RecordingSink;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.CoreV1Event;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With {@link ExecutorOptions#recordEvents()}, a run leaves one Event per claim and pod of its plan. */
@Timeout(30)
class EventRecordingTest {

  static final ExecutorOptions WITH_EVENTS = ExecutorOptions.builder().from(FAST).recordEvents(true).build();

  static final String EVENTS = "/api/v1/namespaces/" + NAMESPACE + "/events";

  @RegisterExtension
  final MockApiServer api = new MockApiServer();

  /**
   * Claim {@code ok} (UID {@code uid-ok}) and {@code broken}, each mounted on a node; {@code off},
   * opted out; and pod {@code db-0} with a backup command.
   */
  static ClusterSnapshot cluster() {
    return ClusterSnapshot.of(
        List.of(boundClaim("ok", AccessMode.READ_WRITE_ONCE).uid("uid-ok").build(),
            boundClaim("broken", AccessMode.READ_WRITE_ONCE).build(),
            boundClaim("off", AccessMode.READ_WRITE_ONCE)
                .annotations(Map.of(K8upAnnotations.BACKUP, "false")).build()),
        List.of(volumeFor("ok").build(), volumeFor("broken").build(), volumeFor("off").build()),
        List.of(runningPod("app-ok", "node-1", "ok").build(),
            runningPod("app-broken", "node-2", "broken").build(),
            runningPod("db-0", "node-3").uid("uid-db").putAnnotations(K8upAnnotations.BACKUP_COMMAND, "dump").build()));
  }

  BackupReport run(ExecutorOptions options) throws Exception {
    ClusterSnapshot snapshot = cluster();
    BackupPlan plan = PLANNER.plan(snapshot);
    try (FakeJobController controller = FakeJobController.start(api.client(), NAMESPACE,
        (job, looks) -> job.getMetadata().getAnnotations().get(K8upAnnotations.CLAIMS_ANNOTATION).equals("broken")
            ? Verdict.FAIL : looks >= 2 ? Verdict.COMPLETE : Verdict.KEEP_RUNNING)) {
      return BackupExecutor.builder()
          .client(api.client())
          .planner(PLANNER)
          .tool(BackupToolSpec.restic("repository").build())
          .runId(RunId.of("test"))
          .options(options)
          .sink(new RecordingSink())
          .build()
          .run(plan, snapshot);
    }
  }

  Map<String, CoreV1Event> eventsByObject() throws Exception {
    return new CoreV1Api(api.client()).listNamespacedEvent(NAMESPACE).execute().getItems().stream()
        .collect(Collectors.toMap(event -> event.getInvolvedObject().getKind() + " "
            + event.getInvolvedObject().getName(), Function.identity()));
  }

  static Map<String, Outcome> bySubject(BackupReport report) {
    return report.outcomes().stream()
        .collect(Collectors.toMap(outcome -> outcome.subject().kind().kubernetesName() + " "
            + outcome.subject().name(), Function.identity()));
  }

  @Test
  void oneEventPerClaimAndPodTellsHowItFared() throws Exception {
    ExecScript.of(NAMESPACE, "db-0", "app", "dump").stderr("dump: database is locked").exits(api, 2);

    BackupReport report = run(WITH_EVENTS);

    Map<String, Outcome> outcomes = bySubject(report);
    assertThat(outcomes.get("PersistentVolumeClaim ok").status()).isEqualTo(OutcomeStatus.SUCCEEDED);
    assertThat(outcomes.get("PersistentVolumeClaim broken").status()).isEqualTo(OutcomeStatus.FAILED);
    assertThat(outcomes.get("PersistentVolumeClaim off").status()).isEqualTo(OutcomeStatus.SKIPPED);
    assertThat(outcomes.get("Pod db-0").reason()).isEqualTo(OutcomeReason.COMMAND_FAILED);
    assertThat(report.eventFailures()).isEmpty();

    Map<String, CoreV1Event> events = eventsByObject();
    assertThat(events).containsOnlyKeys(outcomes.keySet());
    assertEvent(events.get("PersistentVolumeClaim ok"), outcomes.get("PersistentVolumeClaim ok"), "Normal",
        "BackupSucceeded");
    assertEvent(events.get("PersistentVolumeClaim off"), outcomes.get("PersistentVolumeClaim off"), "Normal",
        "BackupSkipped");
    assertEvent(events.get("PersistentVolumeClaim broken"), outcomes.get("PersistentVolumeClaim broken"),
        "Warning", "BackupFailed");
    assertEvent(events.get("Pod db-0"), outcomes.get("Pod db-0"), "Warning", "BackupFailed");
    assertThat(events.get("PersistentVolumeClaim ok").getInvolvedObject().getUid()).isEqualTo("uid-ok");
    assertThat(events.get("PersistentVolumeClaim off").getInvolvedObject().getUid())
        .as("the snapshot does not know it").isNull();
    assertThat(events.get("Pod db-0").getInvolvedObject().getUid()).isEqualTo("uid-db");
    assertThat(events.get("PersistentVolumeClaim broken").getMessage()).contains("BackoffLimitExceeded");
    assertThat(events.get("Pod db-0").getMessage()).contains("exited 2", "database is locked");
  }

  private static void assertEvent(CoreV1Event event, Outcome outcome, String type, String reason) {
    assertThat(event.getInvolvedObject().getApiVersion()).isEqualTo("v1");
    assertThat(event.getInvolvedObject().getKind()).isEqualTo(outcome.subject().kind().kubernetesName());
    assertThat(event.getInvolvedObject().getNamespace()).isEqualTo(NAMESPACE);
    assertThat(event.getInvolvedObject().getName()).isEqualTo(outcome.subject().name());
    assertThat(event.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
    assertThat(event.getMetadata().getName()).startsWith(outcome.subject().name() + ".test.")
        .matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    assertThat(event.getType()).isEqualTo(type);
    assertThat(event.getReason()).isEqualTo(reason);
    assertThat(event.getMessage()).isEqualTo(outcome.message());
    assertThat(event.getCount()).isEqualTo(1);
    assertThat(event.getSource().getComponent()).isEqualTo("k8up-rwo");
    assertThat(event.getReportingComponent()).isEqualTo("k8up-rwo");
    assertThat(event.getFirstTimestamp()).isNotNull().isEqualTo(event.getLastTimestamp());
    assertThat(event.getEventTime()).as("legacy form: eventTime would need action and reportingInstance").isNull();
  }

  @Test
  void noEventsUnlessAskedFor() throws Exception {
    BackupReport report = run(FAST);

    assertThat(report.outcomes()).hasSize(4);
    assertThat(eventsByObject()).isEmpty();
    assertThat(api.takeRequests()).noneMatch(request -> request.startsWith("POST " + EVENTS));
  }

  @Test
  void aForbiddenEventIsReportedAndChangesNoOutcome() throws Exception {
    BackupReport without = run(FAST);
    api.server().expect().post().withPath(EVENTS)
        .andReturn(403, "{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"message\":\"forbidden\"}").always();

    BackupReport report = run(WITH_EVENTS);

    assertThat(report.outcomes()).extracting(Outcome::subject, Outcome::status, Outcome::reason)
        .containsExactlyElementsOf(without.outcomes().stream()
            .map(outcome -> tuple(outcome.subject(), outcome.status(), outcome.reason()))
            .toList());
    assertThat(report.eventFailures()).hasSize(4).allSatisfy(failure -> assertThat(failure)
        .startsWith("Event about ").contains("grant \"create\" on events in namespace shop"));
    assertThat(report.eventFailures()).anySatisfy(failure ->
        assertThat(failure).startsWith("Event about PersistentVolumeClaim shop/ok: forbidden"));
    assertThat(eventsByObject()).isEmpty();
  }
}
