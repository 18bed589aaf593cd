package io.k8up.strategy.ephemeral;

import static io.k8up.strategy.ephemeral.EphemeralFixtures.STRATEGY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.common.collect.MoreCollectors;
import io.k8up.core.model.AccessMode;
import io.k8up.core.model.Claim;
import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.Pod;
import io.k8up.core.model.PodVolume;
import io.k8up.core.plan.BackupPlanner;
import io.k8up.core.restore.ImmutableRestoreRequest;
import io.k8up.core.restore.RestoreDecision;
import io.k8up.core.restore.RestoreMethod;
import io.k8up.core.restore.RestorePlan;
import io.k8up.core.restore.RestorePlanner;
import io.k8up.core.restore.RestoreRequest;
import io.k8up.core.restore.RestoreTarget;
import io.k8up.core.restore.SnapshotChoice;
import io.k8up.core.run.BackupUnits;
import io.k8up.core.run.MaterializedPlan;
import io.k8up.core.run.RestoreManifests;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.Grouping;
import io.k8up.core.spi.ObjectRef;
import io.k8up.core.spi.ResourceType;
import io.k8up.core.spi.RunContext;
import io.k8up.core.spi.RunId;
import io.k8up.core.spi.Step;
import io.k8up.core.spi.StepFailure;
import io.k8up.core.spi.StepState;
import io.k8up.core.spi.Workflow;
import io.k8up.core.spi.support.ResticRestoreCommand;
import io.k8up.core.spi.support.RestoreResult;
import io.k8up.core.testing.FileTrees;
import io.k8up.core.testing.Fixtures;
import io.k8up.core.testing.GeneratedFiles;
import io.k8up.core.testing.HostPodRunner;
import io.k8up.core.testing.HostRun;
import io.k8up.core.testing.Restic;
import io.k8up.core.testing.ResticRepository;
import io.k8up.core.testing.ResticSnapshot;
import io.kubernetes.client.openapi.models.V1ConfigMapVolumeSource;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1EphemeralContainer;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimVolumeSource;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files come back into a ReadWriteOncePod claim held by a running pod: the claim's files are backed
 * up by this strategy's backup container and restored by its restore container, the ephemeral
 * container the restore's patch of the pod's {@code ephemeralcontainers} adds, both run on the host
 * against the holding pod's own volumes (the claim under a volume name of the pod's) with the real
 * restic and a local repository. Bytes, permission bits, modification times and symlink targets are
 * compared; the snapshot the container reports in its termination message is read by the strategy's
 * own restore step, as the engine reads it from the pod's status.
 *
 * <p>On the host there is no mount namespace: restic records the host path of the claim, and the
 * restore restores onto {@code /} what it finds under that path. The claim is therefore restored
 * into the same host directory, emptied first, as a fresh claim mounted at {@code /data/data} would
 * be. Each test has a namespace of its own, so that restic's host filter keeps the tests' backups
 * apart in the one shared repository.
 */
class ResticRestoreEndToEndTest {

  private static final String SECRET = "restic-repo";
  private static final String PASSWORD = "correct horse battery staple";
  private static final String POD = "db-0";
  /** The holding pod's name for its volume of claim {@code data}: not the claim's name. */
  private static final String VOLUME = "pgdata";

  @TempDir
  static Path shared;

  private static ResticRepository repository;

  @TempDir
  Path work;

  /** The container image's {@code /tmp}: HOME and restic's cache, as the container has no volume of its own. */
  private Path imageTmp;

  @BeforeAll
  static void createRepository() {
    repository = ResticRepository.init(shared, PASSWORD);
  }

  @BeforeEach
  void imageDirectories() throws IOException {
    imageTmp = Files.createDirectory(work.resolve("image-tmp"));
    Files.createDirectory(work.resolve("dev"));
  }

  @Test
  void restoreContainerBringsBackBytesModesTimesAndSymlinksOfTheLatestBackup() throws IOException {
    Path claim = GeneratedFiles.writeWithMetadata(Files.createDirectory(work.resolve("data")), 51);
    Path expected = GeneratedFiles.writeWithMetadata(Files.createDirectory(work.resolve("expected")), 51);
    backUp("full", claim, "e2e-eph-full");
    ResticSnapshot backup = onlySnapshot("e2e-eph-full");
    assertThat(backup.hostname()).isEqualTo("full");
    assertThat(backup.paths()).containsExactly(claim.toString());

    emptyDirectory(claim);
    Restore restore = restore(claim, request("full"), repository.secretData());

    restore.assertRestored();
    FileTrees.assertSameFilesAndMetadata(expected, claim);
    restore.assertReported(backup);
  }

  @Test
  void snapshotIdAndAsOfPickTheRightOneOfTwoBackups() throws IOException {
    Path claim = GeneratedFiles.writeWithMetadata(Files.createDirectory(work.resolve("data")), 61);
    backUp("two", claim, "e2e-eph-first");
    // Between the two backups: restic stamps a backup with its start, so this is after the first only.
    Instant between = Instant.now();
    emptyDirectory(claim);
    GeneratedFiles.writeWithMetadata(claim, 62);
    backUp("two", claim, "e2e-eph-second");
    Path first = GeneratedFiles.writeWithMetadata(Files.createDirectory(work.resolve("first")), 61);
    Path second = GeneratedFiles.writeWithMetadata(Files.createDirectory(work.resolve("second")), 62);
    ResticSnapshot firstBackup = onlySnapshot("e2e-eph-first");
    ResticSnapshot secondBackup = onlySnapshot("e2e-eph-second");

    emptyDirectory(claim);
    Restore byId = restore(claim, request("two").snapshot(SnapshotChoice.id(firstBackup.shortId())),
        repository.secretData());
    byId.assertRestored();
    FileTrees.assertSameFilesAndMetadata(first, claim);
    byId.assertReported(firstBackup);

    emptyDirectory(claim);
    Restore asOf = restore(claim, request("two").snapshot(SnapshotChoice.asOf(between)), repository.secretData());
    asOf.assertRestored();
    FileTrees.assertSameFilesAndMetadata(first, claim);
    asOf.assertReported(firstBackup);

    emptyDirectory(claim);
    Restore latest = restore(claim, request("two"), repository.secretData());
    latest.assertRestored();
    FileTrees.assertSameFilesAndMetadata(second, claim);
    latest.assertReported(secondBackup);
  }

  @Test
  void wrongPasswordFailsAndLeavesTheClaimAsItWas() throws IOException {
    Path claim = GeneratedFiles.writeWithMetadata(Files.createDirectory(work.resolve("data")), 71);
    backUp("password", claim, "e2e-eph-password");
    emptyDirectory(claim);
    GeneratedFiles.writeWithMetadata(claim, 72);
    Path before = GeneratedFiles.writeWithMetadata(Files.createDirectory(work.resolve("before")), 72);

    Restore restore = restore(claim, request("password"), repository.secretData("wrong"));

    assertThat(restore.run().exitCode()).as(restore.run().process().describe()).isNotZero();
    assertThat(restore.run().stderr()).contains("wrong password");
    FileTrees.assertSameFilesAndMetadata(before, claim);
    assertThat(terminationMessage()).as("nothing reported as restored").doesNotExist();
    StepState state = restore.stepState();
    assertThat(state.kind()).isEqualTo(StepState.Kind.FAILED);
    assertThat(state.failure()).contains(StepFailure.RESTORE_FAILED);
    assertThat(state.message()).contains("the restore container", "in pod " + POD + " failed");
  }

  @Test
  void claimWithoutBackupFailsWithItsReasonAndTouchesNothing() throws IOException {
    Path claim = GeneratedFiles.writeWithMetadata(Files.createDirectory(work.resolve("data")), 81);
    Path before = GeneratedFiles.writeWithMetadata(Files.createDirectory(work.resolve("before")), 81);

    Restore restore = restore(claim, request("never-backed-up"), repository.secretData());

    assertThat(restore.run().exitCode()).isEqualTo(ResticRestoreCommand.NO_BACKUP_EXIT);
    assertThat(restore.run().stderr())
        .contains("k8up-rwo: the repository holds no backup of", "with host never-backed-up");
    FileTrees.assertSameFilesAndMetadata(before, claim);
    assertThat(terminationMessage()).doesNotExist();
    assertThat(restore.stepState().failure()).contains(StepFailure.NO_BACKUP);
  }

  /** Backs {@code files} up as claim {@code data} of {@code namespace}, through the strategy's backup container. */
  private void backUp(String namespace, Path files, String runId) {
    ClusterSnapshot cluster = cluster(namespace);
    BackupUnit unit = BackupUnits.of(BackupPlanner.builder().strategies(List.of(STRATEGY)).build().plan(cluster),
        Grouping.PER_CLAIM, List.of(STRATEGY)).get(0);
    PlannedContainer backup = PlannedContainer.of(STRATEGY.workflow(unit, RunContext.of(RunId.of(runId), tool(),
        cluster)));
    assertThat(backup.pod()).isEqualTo(POD);
    HostRun run = runner(files, repository.secretData()).run(podSpec(), backup.container());
    assertThat(run.exitCode()).as(run.process().describe()).isZero();
  }

  /**
   * Plans the restore of {@code request} with the in-use option, takes the ephemeral container from
   * the patch of the holding pod the run would send, and runs it on the host with the pod's volumes.
   */
  private Restore restore(Path claim, ImmutableRestoreRequest.Builder request, Map<String, String> secret) {
    String namespace = request.build().namespace();
    ClusterSnapshot cluster = cluster(namespace);
    RestorePlan plan = RestorePlanner.builder().build().plan(cluster, List.of(), List.of(request.inUse(true).build()));
    RestoreDecision decision = plan.decisions().get(0);
    RestoreTarget target = decision.target().orElseThrow(() -> new AssertionError(decision.message()));
    assertThat(target.method()).isEqualTo(RestoreMethod.EPHEMERAL_CONTAINER);
    assertThat(target.holdingPod()).contains(POD);

    RunId runId = RunId.of("e2e-eph-restore");
    MaterializedPlan manifests = RestoreManifests.of(plan, cluster, List.of(STRATEGY), runId, tool());
    assertThat(manifests.failures()).isEmpty();
    V1Pod patch = (V1Pod) manifests.objects().stream().collect(MoreCollectors.onlyElement());
    assertThat(patch.getMetadata().getNamespace()).isEqualTo(namespace);
    assertThat(patch.getMetadata().getName()).isEqualTo(POD);
    V1EphemeralContainer container = patch.getSpec().getEphemeralContainers().stream()
        .collect(MoreCollectors.onlyElement());
    assertThat(container.getVolumeMounts()).extracting(V1VolumeMount::getName, V1VolumeMount::getMountPath,
        V1VolumeMount::getReadOnly).containsExactly(tuple(VOLUME, "/data/data", false));

    // The strategy's workflow for the unit the engine gives it: the same patch, and the step that reads the result.
    Workflow workflow = STRATEGY.restoreWorkflow(target, unit(target, cluster), RunContext.of(runId, tool(), cluster))
        .orElseThrow();
    assertThat(workflow.manifests()).isEqualTo(manifests.objects());
    Step step = workflow.steps().stream().collect(MoreCollectors.onlyElement());

    HostRun run = runner(claim, secret).run(podSpec(), container);
    return new Restore(run, step, new ObjectRef(ResourceType.POD, namespace, POD), container.getName(),
        terminationMessageText());
  }

  /** The engine's unit of the restore of {@code target}: its claim as the snapshot has it, first attempt. */
  private static BackupUnit unit(RestoreTarget target, ClusterSnapshot cluster) {
    Claim claim = cluster.claim(target.namespace(), target.targetClaim()).orElseThrow();
    return BackupUnit.of(STRATEGY.id(), List.of(ClaimTarget.of(target.namespace(), target.targetClaim(),
        claim.volumeName().orElse(""), claim.accessModes(), target.placement(), target.mountingPods())));
  }

  /**
   * A run of the restore container, and what the strategy's restore step makes of it once the
   * kubelet has put the container's end into the pod's status.
   */
  private record Restore(HostRun run, Step step, ObjectRef pod, String container, Optional<String> message) {

    void assertRestored() {
      assertThat(run.exitCode()).as(run.process().describe()).isZero();
    }

    /**
     * The container wrote {@code {"snapshot":"<id>"}} of {@code backup} to its termination message,
     * and the strategy's step reports that id as the one restored. restic 0.14, the host's, prints
     * no JSON summary for a restore: the files and bytes restored are not in the message, and cannot
     * be checked here.
     */
    void assertReported(ResticSnapshot backup) {
      assertThat(message).hasValueSatisfying(text ->
          assertThat(text).startsWith("{\"snapshot\":\"" + backup.id() + "\""));
      StepState state = stepState();
      assertThat(state.kind()).as(state.message()).isEqualTo(StepState.Kind.DONE);
      assertThat(state.details()).containsEntry(RestoreResult.SNAPSHOT, backup.id());
    }

    /**
     * The step's state once the container ended: its exit code, and its termination message, or
     * with {@code FallbackToLogsOnError} and none written on a failure, the end of its log (here
     * its standard error, where restic and the script write their errors).
     */
    StepState stepState() {
      String text = message.orElseGet(() -> run.exitCode() == 0 ? "" : tail(run.stderr()));
      return step.readiness().check(EndedContainerObservation.of(pod, podSpec(), container, run.exitCode(), text));
    }

    private static String tail(String log) {
      return log.length() <= 2048 ? log : log.substring(log.length() - 2048);
    }
  }

  private static ImmutableRestoreRequest.Builder request(String namespace) {
    return RestoreRequest.builder().namespace(namespace).claim("data");
  }

  /** Claim {@code data} of {@code namespace}, ReadWriteOncePod, held by the running pod db-0 as its volume pgdata. */
  private static ClusterSnapshot cluster(String namespace) {
    Pod pod = Fixtures.runningPod(POD, EphemeralFixtures.NODE).namespace(namespace)
        .addClaimVolumes(PodVolume.of(VOLUME, "data"))
        .build();
    return ClusterSnapshot.of(
        List.of(Fixtures.boundClaim("data", AccessMode.READ_WRITE_ONCE_POD).namespace(namespace).build()),
        List.of(Fixtures.volumeFor("data").build()),
        List.of(pod));
  }

  /**
   * The holding pod's spec as the API server holds it: its claim under a volume name of its own, and
   * a volume the containers do not mount.
   */
  private static V1PodSpec podSpec() {
    return new V1PodSpec()
        .nodeName(EphemeralFixtures.NODE)
        .containers(List.of(new V1Container().name("app").image("postgres:16")
            .volumeMounts(List.of(new V1VolumeMount().name(VOLUME).mountPath("/var/lib/postgresql/data")))))
        .volumes(List.of(
            new V1Volume().name(VOLUME)
                .persistentVolumeClaim(new V1PersistentVolumeClaimVolumeSource().claimName("data")),
            new V1Volume().name("config").configMap(new V1ConfigMapVolumeSource().name("postgres"))));
  }

  /** The default restic tool, finding restic where this host has it when the restore's script calls it. */
  private static BackupToolSpec tool() {
    return BackupToolSpec.restic(SECRET)
        .putEnv("PATH", Restic.locate().binary().getParent() + ":/usr/bin:/bin")
        .build();
  }

  /** A runner of the pod's containers, with {@code claim} as claim {@code data}; no termination message yet. */
  private HostPodRunner runner(Path claim, Map<String, String> secret) {
    try {
      Files.deleteIfExists(terminationMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return HostPodRunner.builder(work)
        .imageDirectory("/tmp", imageTmp)
        .imageDirectory("/dev", work.resolve("dev"))
        .executable("restic", Restic.locate().binary())
        .executable("sh", Path.of("/bin/sh"))
        .claim("data", claim)
        .secret(SECRET, secret)
        .build();
  }

  /** Where the container's {@code /dev/termination-log} is on the host. */
  private Path terminationMessage() {
    return work.resolve("dev").resolve("termination-log");
  }

  private Optional<String> terminationMessageText() {
    try {
      Path file = terminationMessage();
      return Files.exists(file) ? Optional.of(Files.readString(file)) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ResticSnapshot onlySnapshot(String runId) {
    List<ResticSnapshot> snapshots = repository.snapshots().stream()
        .filter(snapshot -> snapshot.tags().contains("run=" + runId)).toList();
    assertThat(snapshots).hasSize(1);
    return snapshots.get(0);
  }

  /** Deletes everything under {@code directory}, keeping it: a fresh, empty claim at the same path. */
  private static void emptyDirectory(Path directory) throws IOException {
    try (Stream<Path> walk = Files.walk(directory)) {
      for (Path path : walk.sorted((a, b) -> b.compareTo(a)).toList()) {
        if (!path.equals(directory)) {
          Files.delete(path);
        }
      }
    }
  }
}
