package io.k8up.core.run;

import io.k8up.core.spi.RunId;

import static io.k8up.core.testing.Fixtures.NAMESPACE;
import static io.k8up.core.testing.Fixtures.runningPod;
import static org.assertj.core.api.Assertions.assertThat;

import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.model.Pod;
import io.k8up.core.plan.Subject;
import io.k8up.core.sink.BackupSink;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.testing.ExecScript;
import io.k8up.core.testing.MockApiServer;
import io.k8up.core.testing.RecordingSink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pods' backup commands: run through {@code pods/exec} on the mock API server, their output
 * streamed into a sink that is committed only for a command that exited 0 having written
 * something.
 */
@Timeout(30)
class BackupCommandExecutionTest {

  static final String DUMP = "pg_dump --format=custom shop";

  @RegisterExtension
  final MockApiServer api = new MockApiServer();

  final RecordingSink sink = new RecordingSink();

  static ClusterSnapshot databasePod(Map<String, String> annotations) {
    return ClusterSnapshot.of(List.of(), List.of(), List.of(
        runningPod("db-0", "node-1").addContainerNames("sidecar").annotations(annotations).build()));
  }

  static ClusterSnapshot databasePod() {
    return databasePod(Map.of(K8upAnnotations.BACKUP_COMMAND, DUMP, K8upAnnotations.FILE_EXTENSION, ".dump"));
  }

  BackupReport run(ClusterSnapshot snapshot, ExecutorOptions options, BackupSink into) {
    return BackupExecutor.builder()
        .client(api.client())
        .planner(BackupExecutorTest.PLANNER)
        .tool(BackupExecutorTest.TOOL)
        .runId(RunId.of("test"))
        .options(options)
        .sink(into)
        .build()
        .run(BackupExecutorTest.PLANNER.plan(snapshot), snapshot);
  }

  Outcome runOne() {
    BackupReport report = run(databasePod(), BackupExecutorTest.FAST, sink);
    assertThat(report.outcomes()).hasSize(1);
    Outcome outcome = report.outcomes().get(0);
    assertThat(outcome.subject()).isEqualTo(Subject.pod(NAMESPACE, "db-0"));
    return outcome;
  }

  @Test
  void streamsTheOutputOfACommandThatExitsZeroIntoTheSinkAndCommitsIt() throws Exception {
    ExecScript.of(NAMESPACE, "db-0", "app", DUMP).stdout("PGDMP-1 ").stderr("dumping shop").stdout("PGDMP-2")
        .exits(api, 0);

    Outcome outcome = runOne();

    assertThat(outcome.status()).isEqualTo(OutcomeStatus.SUCCEEDED);
    assertThat(outcome.reason()).isEqualTo(OutcomeReason.BACKED_UP);
    assertThat(outcome.node()).contains("node-1");
    assertThat(new String(sink.bytes("shop-db-0-app.dump"), StandardCharsets.UTF_8)).isEqualTo("PGDMP-1 PGDMP-2");
    assertThat(sink.committed()).containsExactly("shop-db-0-app.dump");
    assertThat(sink.aborted()).isEmpty();
    assertThat(sink.opened().get(0).runId()).isEqualTo(RunId.of("test"));
    CommandReport command = outcome.command().orElseThrow();
    assertThat(command.fileName()).isEqualTo("shop-db-0-app.dump");
    assertThat(command.bytesStreamed()).isEqualTo(15);
    assertThat(command.exitCode()).contains(0);
    assertThat(command.stderr()).isEqualTo("dumping shop");
    assertThat(command.snapshotId()).contains("snapshot-of-shop-db-0-app.dump");
    assertThat(api.takeRequests()).containsExactly(
        "GET " + ExecScript.of(NAMESPACE, "db-0", "app", DUMP).path());
  }

  @Test
  void runsTheCommandInTheContainerTheAnnotationNames() throws Exception {
    ExecScript.of(NAMESPACE, "db-0", "sidecar", DUMP).stdout("dump").exits(api, 0);

    BackupReport report = run(databasePod(Map.of(K8upAnnotations.BACKUP_COMMAND, DUMP,
        K8upAnnotations.BACKUP_COMMAND_CONTAINER, "sidecar")), BackupExecutorTest.FAST, sink);

    assertThat(report.outcomes().get(0).status()).isEqualTo(OutcomeStatus.SUCCEEDED);
    assertThat(sink.committed()).containsExactly("shop-db-0-sidecar");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3})
  void commandsRunWithinTheRunsConcurrencyLimit(int maxConcurrent) {
    List<Pod> pods = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      pods.add(runningPod("db-" + i, "node-" + i).putAnnotations(K8upAnnotations.BACKUP_COMMAND, DUMP).build());
      ExecScript.of(NAMESPACE, "db-" + i, "app", DUMP).stdout("dump".getBytes(StandardCharsets.UTF_8), 300)
          .exits(api, 0);
    }
    ExecutorOptions limited = ExecutorOptions.builder().from(BackupExecutorTest.FAST)
        .maxConcurrent(maxConcurrent).maxPerNode(1).build();

    BackupReport report = run(ClusterSnapshot.of(List.of(), List.of(), pods), limited, sink);

    assertThat(report.outcomes()).extracting(Outcome::status).containsOnly(OutcomeStatus.SUCCEEDED);
    assertThat(sink.mostOpenAtOnce()).isEqualTo(maxConcurrent);
  }

  @Test
  void aNonZeroExitFailsAndAbortsWhatWasStreamed() {
    ExecScript.of(NAMESPACE, "db-0", "app", DUMP).stdout("PGDMP-partial")
        .stderr("pg_dump: error: connection to server failed").exits(api, 1);

    Outcome outcome = runOne();

    assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
    assertThat(outcome.reason()).isEqualTo(OutcomeReason.COMMAND_FAILED);
    assertThat(outcome.message()).contains("exited 1", "nothing was kept", "connection to server failed");
    assertThat(outcome.command().orElseThrow().exitCode()).contains(1);
    assertThat(outcome.command().orElseThrow().stderr()).contains("connection to server failed");
    assertThat(sink.committed()).isEmpty();
    assertThat(sink.aborted()).containsExactly("shop-db-0-app.dump");
  }

  @Test
  void aCommandThatWritesNothingFailsInsteadOfStoringAnEmptyBackup() {
    ExecScript.of(NAMESPACE, "db-0", "app", DUMP).stderr("wrote dump to /tmp/x").exits(api, 0);

    Outcome outcome = runOne();

    assertThat(outcome.reason()).isEqualTo(OutcomeReason.COMMAND_FAILED);
    assertThat(outcome.message()).contains("wrote nothing", "standard output", "wrote dump to /tmp/x");
    assertThat(sink.committed()).isEmpty();
    assertThat(sink.aborted()).hasSize(1);
  }

  @Test
  void aForbiddenExecSaysWhatToGrant() {
    ExecScript.of(NAMESPACE, "db-0", "app", DUMP).refused(api, 403,
        "pods \\\"db-0\\\" is forbidden: User \\\"backup\\\" cannot create resource \\\"pods/exec\\\"");

    Outcome outcome = runOne();

    assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
    assertThat(outcome.reason()).isEqualTo(OutcomeReason.FORBIDDEN);
    assertThat(outcome.message()).contains("grant create on pods/exec in namespace shop",
        "cannot create resource \"pods/exec\"");
    assertThat(sink.committed()).isEmpty();
  }

  @Test
  void anExecTheApiServerRefusesCarriesItsMessage() {
    ExecScript.of(NAMESPACE, "db-0", "app", DUMP).refused(api, 400,
        "container app is not valid for pod db-0");

    Outcome outcome = runOne();

    assertThat(outcome.reason()).isEqualTo(OutcomeReason.EXEC_FAILED);
    assertThat(outcome.message()).contains("HTTP 400", "container app is not valid for pod db-0");
    assertThat(sink.committed()).isEmpty();
  }

  @Test
  void aCommandTheRuntimeCannotStartFailsWithKubeletsWords() {
    ExecScript.of(NAMESPACE, "db-0", "app", DUMP).cannotStart(api,
        "OCI runtime exec failed: exec: /bin/sh: no such file or directory");

    Outcome outcome = runOne();

    assertThat(outcome.reason()).isEqualTo(OutcomeReason.EXEC_FAILED);
    assertThat(outcome.message()).contains("/bin/sh: no such file or directory");
    assertThat(sink.aborted()).hasSize(1);
    assertThat(sink.committed()).isEmpty();
  }

  @Test
  void aSinkThatCannotOpenFailsTheCommand() {
    ExecScript.of(NAMESPACE, "db-0", "app", DUMP).stdout("dump").exits(api, 0);

    BackupReport report = run(databasePod(), BackupExecutorTest.FAST,
        RecordingSink.failingToOpen("could not start restic: no such file"));

    Outcome outcome = report.outcomes().get(0);
    assertThat(outcome.reason()).isEqualTo(OutcomeReason.SINK_FAILED);
    assertThat(outcome.message()).contains("could not start restic: no such file");
  }

  @Test
  void aCommandOverTheUnitTimeoutIsCutOffAndNothingIsKept() {
    ExecScript.of(NAMESPACE, "db-0", "app", DUMP).stdout("PGDMP-start").hangs(api, 2_000);
    ExecutorOptions shortTimeout = ExecutorOptions.builder().from(BackupExecutorTest.FAST)
        .unitTimeout(Duration.ofMillis(300)).build();

    BackupReport report = run(databasePod(), shortTimeout, sink);

    Outcome outcome = report.outcomes().get(0);
    assertThat(outcome.reason()).as(outcome.message()).isEqualTo(OutcomeReason.TIMED_OUT);
    assertThat(outcome.message()).contains("cut off", "nothing was kept");
    assertThat(sink.committed()).isEmpty();
    assertThat(sink.aborted()).containsExactly("shop-db-0-app.dump");
  }

  @Test
  void theOutputStreamsWhileTheCommandRunsRatherThanAfterItEnds() throws Exception {
    byte[] chunk = new byte[256 * 1024];
    Arrays.fill(chunk, (byte) 'x');
    ExecScript.of(NAMESPACE, "db-0", "app", DUMP).stdout(chunk, 5).stdout(chunk, 3_000).exits(api, 0);

    CompletableFuture<BackupReport> report = CompletableFuture.supplyAsync(
        () -> run(databasePod(), BackupExecutorTest.FAST, sink));
    // The first chunk reaches the sink while the command still has 3 s to go.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (sink.bytes("shop-db-0-app.dump").length < chunk.length && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(sink.bytes("shop-db-0-app.dump")).hasSize(chunk.length);
    assertThat(report).isNotDone();

    assertThat(report.get(20, TimeUnit.SECONDS).outcomes().get(0).status()).isEqualTo(OutcomeStatus.SUCCEEDED);
    assertThat(sink.bytes("shop-db-0-app.dump")).hasSize(2 * chunk.length);
  }

  @Test
  void anInterruptedRunCutsTheCommandOffAndKeepsNothing() throws Exception {
    ExecScript.of(NAMESPACE, "db-0", "app", DUMP).stdout("PGDMP-start").hangs(api, 2_000);
    CompletableFuture<Thread> runner = new CompletableFuture<>();
    CompletableFuture<BackupReport> report = CompletableFuture.supplyAsync(() -> {
      runner.complete(Thread.currentThread());
      return run(databasePod(), BackupExecutorTest.FAST, sink);
    });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (sink.bytes("shop-db-0-app.dump").length == 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }

    runner.get().interrupt();

    Outcome outcome = report.get(10, TimeUnit.SECONDS).outcomes().get(0);
    assertThat(outcome.status()).isEqualTo(OutcomeStatus.NOT_RUN);
    assertThat(outcome.reason()).isEqualTo(OutcomeReason.INTERRUPTED);
    assertThat(sink.committed()).isEmpty();
    assertThat(sink.aborted()).containsExactly("shop-db-0-app.dump");
  }
}
