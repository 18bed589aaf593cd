package io.k8up.core.run;

import io.k8up.core.spi.RunId;

import static io.k8up.core.testing.Fixtures.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.sink.BackupSink;
import io.k8up.core.sink.ResticSink;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.testing.ExecScript;
import io.k8up.core.testing.FileTrees;
import io.k8up.core.testing.GeneratedFiles;
import io.k8up.core.testing.MockApiServer;
import io.k8up.core.testing.Restic;
import io.k8up.core.testing.ResticRepository;
import io.k8up.core.testing.ResticSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pod's backup command end to end, with the real restic: a tar of generated files, made on this
 * machine by the command the annotation names, reaches the executor through the mock's {@code
 * pods/exec}, streams into {@link ResticSink} and lands in a local repository; restored and
 * unpacked, every file is equal byte for byte. A command that fails half-way leaves no snapshot.
 */
@Timeout(120)
class BackupCommandEndToEndTest {

  static final String PASSWORD = "end-to-end";
  static final String TAR = "tar -C /var/lib/app -cf - .";
  static final String FILE_NAME = "shop-db-0-app.tar";

  @TempDir
  static Path shared;

  static ResticRepository repository;

  @RegisterExtension
  final MockApiServer api = new MockApiServer();

  @TempDir
  Path work;

  @BeforeAll
  static void createRepository() {
    repository = ResticRepository.init(shared, PASSWORD);
  }

  ResticSink sink(String password) {
    Map<String, String> secret = repository.secretData(password);
    return ResticSink.builder()
        .executable(Restic.locate().binary().toString())
        .environment("RESTIC_REPOSITORY", secret.get("RESTIC_REPOSITORY"))
        .environment("RESTIC_PASSWORD", secret.get("RESTIC_PASSWORD"))
        .environment("RESTIC_CACHE_DIR", work.resolve("cache").toString())
        .build();
  }

  Outcome run(BackupSink sink) {
    ClusterSnapshot snapshot = BackupCommandExecutionTest.databasePod(
        Map.of(K8upAnnotations.BACKUP_COMMAND, TAR, K8upAnnotations.FILE_EXTENSION, ".tar"));
    BackupReport report = BackupExecutor.builder()
        .client(api.client())
        .planner(BackupExecutorTest.PLANNER)
        .tool(BackupExecutorTest.TOOL)
        .runId(RunId.of("e2e"))
        .options(BackupExecutorTest.FAST)
        .sink(sink)
        .build()
        .run(BackupExecutorTest.PLANNER.plan(snapshot), snapshot);
    return report.outcomes().get(0);
  }

  /** The command's output, in frames as kubelet would send them. */
  static ExecScript commandWrites(byte[] output) {
    ExecScript script = ExecScript.of(NAMESPACE, "db-0", "app", TAR);
    for (int from = 0; from < output.length; from += 64 * 1024) {
      script.stdout(Arrays.copyOfRange(output, from, Math.min(output.length, from + 64 * 1024)), 0);
    }
    return script;
  }

  @Test
  void aTarStreamedThroughResticComesBackByteForByte() throws Exception {
    Path source = GeneratedFiles.write(Files.createDirectory(work.resolve("source")), 7);
    byte[] tar = runHere(List.of("tar", "-C", source.toString(), "-cf", "-", "."));
    commandWrites(tar).exits(api, 0);

    Outcome outcome = run(sink(PASSWORD));

    assertThat(outcome.status()).as(outcome.message()).isEqualTo(OutcomeStatus.SUCCEEDED);
    CommandReport command = outcome.command().orElseThrow();
    assertThat(command.bytesStreamed()).isEqualTo(tar.length);
    // restic before 0.17 reports the short id in its summary, later ones the full id.
    String id = command.snapshotId().orElseThrow();
    ResticSnapshot snapshot = repository.snapshots().stream()
        .filter(each -> each.id().startsWith(id)).findFirst().orElseThrow();
    assertThat(snapshot.hostname()).isEqualTo(NAMESPACE);
    assertThat(snapshot.tags()).containsExactly("k8up-rwo", "run=e2e");
    assertThat(snapshot.paths()).containsExactly("/" + FILE_NAME);
    Path restored = repository.restore(snapshot, work.resolve("restored"));
    assertThat(Files.readAllBytes(restored.resolve(FILE_NAME))).isEqualTo(tar);
    Path unpacked = Files.createDirectory(work.resolve("unpacked"));
    runHere(List.of("tar", "-C", unpacked.toString(), "-xf", restored.resolve(FILE_NAME).toString()));
    FileTrees.assertSameFiles(source, unpacked);
  }

  @Test
  void aCommandThatFailsHalfWayLeavesNoSnapshot() {
    int before = repository.snapshots().size();
    byte[] half = new byte[300 * 1024];
    Arrays.fill(half, (byte) 'd');
    commandWrites(half).stderr("tar: ./db: file changed as we read it").exits(api, 2);

    Outcome outcome = run(sink(PASSWORD));

    assertThat(outcome.reason()).as(outcome.message()).isEqualTo(OutcomeReason.COMMAND_FAILED);
    assertThat(outcome.command().orElseThrow().bytesStreamed()).isEqualTo(half.length);
    assertThat(repository.snapshots()).as("restic must never see the end of a failed command's output")
        .hasSize(before);
  }

  @Test
  void aWrongPasswordFailsTheSinkWithResticsOwnWords() {
    commandWrites("-- dump".getBytes()).exits(api, 0);

    Outcome outcome = run(sink("not-the-password"));

    assertThat(outcome.reason()).as(outcome.message()).isEqualTo(OutcomeReason.SINK_FAILED);
    assertThat(outcome.message()).contains("wrong password");
  }

  @Test
  void aMissingResticFailsTheSinkSayingHowToInstallIt() {
    commandWrites("-- dump".getBytes()).exits(api, 0);

    Outcome outcome = run(ResticSink.builder().executable(work.resolve("no-restic-here").toString()).build());

    assertThat(outcome.reason()).isEqualTo(OutcomeReason.SINK_FAILED);
    assertThat(outcome.message()).contains("apt-get install restic");
  }

  private byte[] runHere(List<String> commandLine) throws IOException, InterruptedException {
    Path output = Files.createTempFile(work, "out", ".bin");
    Process process = new ProcessBuilder(commandLine).redirectOutput(output.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", commandLine)).isZero();
    return Files.readAllBytes(output);
  }
}
