package io.k8up.examples.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * {@code k8up-rwo restore} on a real scheduler: the restore pod runs where a backup of the target
 * claim would (the mounting pod's node with {@code --in-use}, inside the holding pod for a
 * ReadWriteOncePod claim, the node of a PersistentVolume's required affinity), a claim in use is
 * refused without {@code --in-use} and nothing is created,
 * and {@code --to} a claim that does not exist creates it like the backed-up one and lets the
 * scheduler place the restore pod, which binds it through a WaitForFirstConsumer class. Pod
 * Security "restricted" must admit every restore pod, and the run must leave nothing but the claim
 * it created.
 *
 * <p>The fake kubelet runs no restic: the restore container ends with exit code 0 and writes no
 * termination message, so the report cannot name a snapshot, files or bytes.
 */
@EnabledIfEnvironmentVariable(named = LiveLab.KUBECONFIG_VARIABLE, matches = ".+")
@Timeout(420)
class RestoreLiveCheck {

  private static final Duration RUN_WAIT = Duration.ofMinutes(4);

  private LiveLab lab;
  private CliProcess run;

  @AfterEach
  void cleanUp() throws InterruptedException {
    if (run != null) {
      run.stop();
    }
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void aClaimInUseIsRestoredOnItsPodsNodeOnlyWithInUse() throws Exception {
    lab = LiveLab.open("rs-inuse");
    String a = lab.node("a");
    lab.node("b");
    lab.claimMountedBy("data", "ReadWriteOnce", a);
    Path dir = lab.workDir();
    try (FakeKubelet kubelet = FakeKubelet.start(lab, dir, "kubelet", Duration.ofSeconds(2), false)) {
      lab.awaitReady();

      run = CliProcess.restore(lab, dir, "refused", "data", "--run-id", "refused", "--timeout", "3m");
      assertThat(run.awaitExit(RUN_WAIT)).as("the refused restore ended").isTrue();
      assertThat(run.exitCode()).as(run.transcript()).isEqualTo(2);
      JsonObject refused = outcome(run, "data");
      assertThat(refused.get("status").getAsString()).as(run.transcript()).isEqualTo("FAILED");
      assertThat(refused.get("reason").getAsString()).as(run.transcript()).isEqualTo("PLANNED");
      assertThat(refused.get("planReason").getAsString()).as(run.transcript()).isEqualTo("IN_USE");
      assertThat(refused.get("message").getAsString()).contains("--to");
      assertThat(lab.kubectl().json("get", "jobs", "-n", lab.namespace()).getAsJsonArray("items"))
          .as("Jobs after the refused restore").isEmpty();
      assertThat(lab.kubectl().json("get", "pvc", "-n", lab.namespace()).getAsJsonArray("items"))
          .as("claims after the refused restore").hasSize(1);
      assertThat(kubelet.events()).as("pods of the refused restore").noneMatch(KubeletEvent::startsBackup);

      run = CliProcess.restore(lab, dir, "in-use", "data", "--in-use", "--run-id", "in-use", "--timeout", "3m");
      assertThat(run.awaitExit(RUN_WAIT)).as("the in-use restore ended").isTrue();
      List<KubeletEvent> events = kubelet.events();

      assertThat(run.exitCode()).as(run.transcript()).isZero();
      JsonObject restored = outcome(run, "data");
      assertRestoredWithoutResult(restored, run);
      assertThat(restored.get("node").getAsString()).isEqualTo(a);
      assertThat(restorePods(events, "data")).as("where the restore pod ran; log in " + dir)
          .extracting(KubeletEvent::node).containsExactly(a);
      assertThat(lab.podSecurityRejections()).as("Pod Security rejections").isEmpty();
      assertThat(lab.leftovers("in-use")).isEmpty();
      assertThat(run.report().getAsJsonArray("leftovers")).isEmpty();
    }
  }

  /**
   * A ReadWriteOncePod claim held by a running pod, {@code --in-use}: no second pod can mount it,
   * so the restore runs as an ephemeral container of that pod, and Pod Security "restricted" must
   * admit the patch.
   */
  @Test
  void aHeldReadWriteOncePodClaimIsRestoredInsideItsPod() throws Exception {
    lab = LiveLab.open("rs-rwop");
    String a = lab.node("a");
    lab.node("b");
    lab.claimMountedBy("single", "ReadWriteOncePod", a);
    Path dir = lab.workDir();
    try (FakeKubelet kubelet = FakeKubelet.start(lab, dir, "kubelet", Duration.ofSeconds(2), false)) {
      lab.awaitReady();

      run = CliProcess.restore(lab, dir, "restore", "single", "--in-use", "--run-id", "rwop", "--timeout", "2m",
          "--strategy-order", "job-per-pvc,ephemeral-container,csi-snapshot");
      assertThat(run.awaitExit(RUN_WAIT)).as("the restore ended").isTrue();
      List<KubeletEvent> events = kubelet.events();

      assertThat(run.exitCode()).as(run.transcript()).isZero();
      JsonObject restored = outcome(run, "single");
      assertThat(restored.get("status").getAsString() + "/" + restored.get("reason").getAsString())
          .as(run.transcript()).isEqualTo("SUCCEEDED/RESTORED");
      assertThat(restored.get("strategy").getAsString()).isEqualTo("ephemeral-container");
      assertThat(restored.has("snapshotId")).isFalse();
      assertThat(events).as("what ran; log in " + dir).filteredOn(KubeletEvent::startsBackup)
          .extracting(KubeletEvent::event, KubeletEvent::pod, KubeletEvent::node)
          .containsExactly(Tuple.tuple("ephemeral-started", "app-single", a));
      assertThat(lab.podSecurityRejections()).as("Pod Security rejections").isEmpty();
      assertThat(lab.leftovers("rwop")).isEmpty();
      assertThat(run.report().getAsJsonArray("leftovers")).isEmpty();
    }
  }

  @Test
  void aClaimOnALocalVolumeIsRestoredOnTheVolumesNode() throws Exception {
    lab = LiveLab.open("rs-local");
    lab.node("a");
    String b = lab.node("b");
    lab.claimOnLocalVolume("data", b);
    Path dir = lab.workDir();
    try (FakeKubelet kubelet = FakeKubelet.start(lab, dir, "kubelet", Duration.ofSeconds(2), false)) {
      lab.awaitReady();

      run = CliProcess.restore(lab, dir, "restore", "data", "--run-id", "local", "--timeout", "3m");
      assertThat(run.awaitExit(RUN_WAIT)).as("the restore ended").isTrue();
      List<KubeletEvent> events = kubelet.events();

      assertThat(run.exitCode()).as(run.transcript()).isZero();
      JsonObject restored = outcome(run, "data");
      assertRestoredWithoutResult(restored, run);
      assertThat(restorePods(events, "data")).as("where the restore pod ran; log in " + dir)
          .extracting(KubeletEvent::node).containsExactly(b);
      assertThat(lab.podSecurityRejections()).as("Pod Security rejections").isEmpty();
      assertThat(lab.leftovers("local")).isEmpty();
      assertThat(run.report().getAsJsonArray("leftovers")).isEmpty();
    }
  }

  /**
   * {@code --to copy}: the backed-up claim {@code data} is of a WaitForFirstConsumer class with no
   * provisioner, and the class's one free volume is a local volume on node c. The run creates
   * {@code copy} like {@code data}; the scheduler must bind it to that volume and so place the
   * restore pod on c, though {@code data} itself lives on a.
   */
  @Test
  void aNewClaimIsCreatedLikeTheOriginalAndBoundWhereTheSchedulerPlacesTheRestore() throws Exception {
    lab = LiveLab.open("rs-new");
    String a = lab.node("a");
    lab.node("b");
    String c = lab.node("c");
    String storageClass = lab.waitForFirstConsumerClass();
    lab.claimOfClass("data", storageClass, a);
    String free = lab.freeVolume("free", storageClass, c);
    Path dir = lab.workDir();
    try (FakeKubelet kubelet = FakeKubelet.start(lab, dir, "kubelet", Duration.ofSeconds(2), false)) {
      lab.awaitReady();

      run = CliProcess.restore(lab, dir, "restore", "data", "--to", "copy", "--run-id", "new", "--timeout", "3m");
      assertThat(run.awaitExit(RUN_WAIT)).as("the restore ended").isTrue();
      List<KubeletEvent> events = kubelet.events();

      assertThat(run.exitCode()).as(run.transcript()).isZero();
      JsonObject restored = outcome(run, "copy");
      assertThat(restored.get("claim").getAsString()).isEqualTo("data");
      assertRestoredWithoutResult(restored, run);
      assertThat(restorePods(events, "copy")).as("where the scheduler put the restore pod; log in " + dir)
          .extracting(KubeletEvent::node).containsExactly(c);
      JsonObject copy = lab.kubectl().json("get", "pvc", "copy", "-n", lab.namespace());
      JsonObject spec = copy.getAsJsonObject("spec");
      assertThat(spec.get("storageClassName").getAsString()).isEqualTo(storageClass);
      assertThat(spec.get("volumeName").getAsString()).isEqualTo(free);
      assertThat(spec.getAsJsonArray("accessModes")).extracting(JsonElement::getAsString)
          .containsExactly("ReadWriteOnce");
      assertThat(copy.getAsJsonObject("status").get("phase").getAsString()).isEqualTo("Bound");
      JsonObject labels = copy.getAsJsonObject("metadata").getAsJsonObject("labels");
      assertThat(labels == null || !labels.has("k8up.io/run-id")).as("the new claim carries no run label").isTrue();
      assertThat(lab.kubectl().json("get", "pvc", "-n", lab.namespace()).getAsJsonArray("items"))
          .as("claims after the run: data and copy").hasSize(2);
      assertThat(lab.podSecurityRejections()).as("Pod Security rejections").isEmpty();
      assertThat(lab.leftovers("new")).isEmpty();
      assertThat(run.report().getAsJsonArray("leftovers")).isEmpty();
    }
  }

  /**
   * {@code --to copy} of a claim with {@code storageClassName: ""} (no class: bound to a volume by
   * hand). The new claim must also say {@code ""}: without the field, a cluster with a default
   * StorageClass gives it that class (at creation, or later by the retroactive assignment of 1.26),
   * so the copy would get another kind of volume than the claim it copies.
   */
  @Test
  void aNewClaimKeepsTheOriginalsEmptyStorageClass() throws Exception {
    lab = LiveLab.open("rs-noclass");
    String a = lab.node("a");
    lab.claimOnLocalVolume("data", a);
    lab.freeVolume("free", "", a);
    Path dir = lab.workDir();
    try (FakeKubelet kubelet = FakeKubelet.start(lab, dir, "kubelet", Duration.ofSeconds(2), false)) {
      lab.awaitReady();

      run = CliProcess.restore(lab, dir, "restore", "data", "--to", "copy", "--run-id", "noclass", "--timeout", "2m");
      assertThat(run.awaitExit(RUN_WAIT)).as("the restore ended").isTrue();

      assertThat(run.exitCode()).as(run.transcript()).isZero();
      assertRestoredWithoutResult(outcome(run, "copy"), run);
      JsonObject spec = lab.kubectl().json("get", "pvc", "copy", "-n", lab.namespace()).getAsJsonObject("spec");
      assertThat(spec.has("storageClassName") ? spec.get("storageClassName").getAsString() : "(absent)")
          .as("the new claim's storageClassName; the original's is \"\"").isEqualTo("");
      assertThat(lab.leftovers("noclass")).isEmpty();
    }
  }

  /**
   * A restore the fake kubelet "ran": the Job succeeded, its container exited 0 and wrote no
   * termination message. The run reports it {@code SUCCEEDED/RESTORED} with no snapshot, files or
   * bytes (see docs/live-checks.md, "Restores").
   */
  private static void assertRestoredWithoutResult(JsonObject outcome, CliProcess run) throws IOException {
    assertThat(outcome.get("status").getAsString() + "/" + outcome.get("reason").getAsString()).as(run.transcript())
        .isEqualTo("SUCCEEDED/RESTORED");
    assertThat(outcome.get("strategy").getAsString()).isEqualTo("job-per-pvc");
    assertThat(outcome.get("attempts").getAsInt()).isEqualTo(1);
    assertThat(outcome.has("snapshotId")).as("a snapshot id no pod reported").isFalse();
    assertThat(outcome.has("filesRestored")).isFalse();
  }

  /** The report's outcome for the target claim {@code target}. */
  private static JsonObject outcome(CliProcess run, String target) throws IOException {
    for (JsonElement element : run.report().getAsJsonArray("outcomes")) {
      if (element.getAsJsonObject().get("targetClaim").getAsString().equals(target)) {
        return element.getAsJsonObject();
      }
    }
    throw new AssertionError("no outcome for " + target + "\n" + run.transcript());
  }

  /** The Job pods the fake kubelet ran that mount {@code claim}: the restore pods. */
  private static List<KubeletEvent> restorePods(List<KubeletEvent> events, String claim) {
    return events.stream().filter(KubeletEvent::startsBackup).filter(event -> event.claims().contains(claim)).toList();
  }
}
