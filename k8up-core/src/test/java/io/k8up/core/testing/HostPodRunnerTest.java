package io.k8up.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubernetes.client.openapi.models.V1ConfigMapVolumeSource;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1EmptyDirVolumeSource;
import io.kubernetes.client.openapi.models.V1EnvFromSource;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1EnvVarSource;
import io.kubernetes.client.openapi.models.V1EphemeralContainer;
import io.kubernetes.client.openapi.models.V1HostPathVolumeSource;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1JobSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimVolumeSource;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1SecretEnvSource;
import io.kubernetes.client.openapi.models.V1SecretKeySelector;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner runs a container's command as the kubelet would start it, and refuses what it cannot model. */
class HostPodRunnerTest {

  @TempDir
  Path work;

  private Path claim;

  @BeforeEach
  void createClaimDirectory() throws IOException {
    claim = Files.createDirectory(work.resolve("claim-data"));
  }

  @Test
  void mountPathsAreRewrittenInCommandArgumentsAndEnvironmentBeforeVariablesExpand() {
    V1Container container = printf("/data/data", "--files-from=/data/data/list", "/data/database", "/datax",
        "$(HOME)/x", "$(CACHE)", "$$(HOME)", "$(UNKNOWN)")
        .env(List.of(new V1EnvVar().name("HOME").value("/tmp"), new V1EnvVar().name("CACHE").value("$(HOME)/cache")));

    HostRun run = runner().build().run(job(container, claimVolume("claim-0", "data"), scratch()));

    assertThat(run.exitCode()).isZero();
    Path scratch = run.mounts().get("/tmp");
    assertThat(scratch).isNotNull().startsWith(work);
    assertThat(run.stdout().lines()).containsExactly(
        claim.toString(),
        "--files-from=" + claim + "/list",
        "/data/database",
        "/datax",
        scratch + "/x",
        scratch + "/cache",
        "$(HOME)",
        "$(UNKNOWN)");
  }

  @Test
  void environmentIsTheContainersOnlyWithSecretValuesTakenAsTheyAre() {
    V1Container container = env()
        .envFrom(List.of(new V1EnvFromSource().secretRef(new V1SecretEnvSource().name("repo"))))
        .env(List.of(
            new V1EnvVar().name("RESTIC_PASSWORD").value("overridden"),
            new V1EnvVar().name("USER").valueFrom(new V1EnvVarSource()
                .secretKeyRef(new V1SecretKeySelector().name("creds").key("user"))),
            new V1EnvVar().name("OPTIONAL").valueFrom(new V1EnvVarSource()
                .secretKeyRef(new V1SecretKeySelector().name("absent").key("x").optional(true)))));
    V1Secret creds = new V1Secret().metadata(new V1ObjectMeta().name("creds"))
        .data(Map.of("user", "alice".getBytes(StandardCharsets.UTF_8)));

    HostRun run = runner()
        .secret("repo", Map.of("RESTIC_REPOSITORY", "/tmp/repository", "RESTIC_PASSWORD", "secret"))
        .secret(creds)
        .build()
        .run(job(container));

    // A Secret's /tmp/… is a host path already: only what the spec writes is rewritten.
    assertThat(run.stdout().lines()).containsExactlyInAnyOrder(
        "RESTIC_REPOSITORY=/tmp/repository", "RESTIC_PASSWORD=overridden", "USER=alice");
  }

  @Test
  void missingSecretOrKeyFailsLoudly() {
    V1Container fromMissingSecret = env()
        .envFrom(List.of(new V1EnvFromSource().secretRef(new V1SecretEnvSource().name("repo"))));
    V1Container fromMissingKey = env().env(List.of(new V1EnvVar().name("P").valueFrom(new V1EnvVarSource()
        .secretKeyRef(new V1SecretKeySelector().name("repo").key("RESTIC_PASSWORD")))));
    HostPodRunner runner = runner().secret("repo", Map.of("RESTIC_REPOSITORY", "/r")).build();

    assertThatThrownBy(() -> runner().build().run(job(fromMissingSecret)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Secret 'repo'", "CreateContainerConfigError");
    assertThatThrownBy(() -> runner.run(job(fromMissingKey)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key 'RESTIC_PASSWORD' of Secret 'repo'", "[RESTIC_REPOSITORY]");
  }

  @Test
  void exitCodeAndStandardErrorComeBack() {
    V1Container failing = new V1Container().name("backup").command(List.of("sh"))
        .args(List.of("-c", "echo broken >&2; exit 3"));

    HostRun run = runner().build().run(job(failing));

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.stderr()).isEqualTo("broken\n");
  }

  @Test
  void ephemeralContainerMountsThePodsVolumesByTheirNamesAndIgnoresTheOthers() throws IOException {
    V1PodSpec pod = new V1PodSpec().volumes(List.of(
        claimVolume("pgdata", "data"),
        new V1Volume().name("config").configMap(new V1ConfigMapVolumeSource().name("app"))));
    V1EphemeralContainer container = new V1EphemeralContainer().name("k8up-rwo-x").command(List.of("printf"))
        .args(List.of("%s\\n", "/data/data", "/tmp/restic-cache"))
        .volumeMounts(List.of(new V1VolumeMount().name("pgdata").mountPath("/data/data").readOnly(true)));
    Path imageTmp = Files.createDirectory(work.resolve("image-tmp"));

    HostRun run = runner().imageDirectory("/tmp", imageTmp).build().run(pod, container);

    assertThat(run.stdout().lines()).containsExactly(claim.toString(), imageTmp + "/restic-cache");
    assertThat(run.containerPath(claim + "/a/b")).isEqualTo("/data/data/a/b");
    assertThat(run.containerPath(claim.toString())).isEqualTo("/data/data");
  }

  @Test
  void whatCannotBeModelledIsRejected() {
    V1Container mountsClaim = printf("x").volumeMounts(List.of(mount("claim-0", "/data/data")));
    V1Volume hostPath = new V1Volume().name("claim-0").hostPath(new V1HostPathVolumeSource().path("/var"));
    V1Container withSubPath = printf("x").volumeMounts(List.of(mount("claim-0", "/data/data").subPath("sub")));
    V1Container entrypoint = new V1Container().name("backup").args(List.of("backup"));
    V1Container unmapped = new V1Container().name("backup").command(List.of("tar"));
    HostPodRunner runner = runner().build();

    assertThatThrownBy(() -> runner.run(job(mountsClaim, hostPath)))
        .hasMessageContaining("volume claim-0 is of a type not modelled");
    assertThatThrownBy(() -> runner.run(job(withSubPath, claimVolume("claim-0", "data"))))
        .hasMessageContaining("subPath");
    assertThatThrownBy(() -> runner.run(job(mountsClaim, claimVolume("claim-0", "other"))))
        .hasMessageContaining("claim other, for which the test gave no host directory");
    assertThatThrownBy(() -> runner.run(job(mountsClaim)))
        .hasMessageContaining("mounts volume claim-0, which the pod does not have");
    assertThatThrownBy(() -> runner.run(job(entrypoint))).hasMessageContaining("image's entrypoint");
    assertThatThrownBy(() -> runner.run(job(unmapped))).hasMessageContaining("runs 'tar'");
  }

  private HostPodRunner.Builder runner() {
    return HostPodRunner.builder(work)
        .claim("data", claim)
        .executable("printf", Path.of("/usr/bin/printf"))
        .executable("env", Path.of("/usr/bin/env"))
        .executable("sh", Path.of("/bin/sh"));
  }

  /** A container printing each of {@code args} on a line, with the claim {@code data} at {@code /data/data}. */
  private static V1Container printf(String... args) {
    return new V1Container().name("backup").command(List.of("printf", "%s\\n")).args(List.of(args))
        .volumeMounts(List.of(mount("claim-0", "/data/data"), mount("scratch", "/tmp")));
  }

  private static V1Container env() {
    return new V1Container().name("backup").command(List.of("env"));
  }

  private static V1VolumeMount mount(String volume, String path) {
    return new V1VolumeMount().name(volume).mountPath(path);
  }

  private static V1Volume claimVolume(String name, String claim) {
    return new V1Volume().name(name)
        .persistentVolumeClaim(new V1PersistentVolumeClaimVolumeSource().claimName(claim).readOnly(true));
  }

  private static V1Volume scratch() {
    return new V1Volume().name("scratch").emptyDir(new V1EmptyDirVolumeSource());
  }

  private static V1Job job(V1Container container, V1Volume... volumes) {
    return new V1Job().spec(new V1JobSpec().template(new V1PodTemplateSpec()
        .spec(new V1PodSpec().containers(List.of(container)).volumes(List.of(volumes)))));
  }
}
