package io.k8up.strategy.jobperpvc;

import static io.k8up.strategy.jobperpvc.JobFixtures.RUN;
import static io.k8up.strategy.jobperpvc.JobFixtures.STRATEGY;
import static io.k8up.strategy.jobperpvc.JobFixtures.container;
import static io.k8up.strategy.jobperpvc.JobFixtures.context;
import static io.k8up.strategy.jobperpvc.JobFixtures.job;
import static io.k8up.strategy.jobperpvc.JobFixtures.podSpec;
import static io.k8up.strategy.jobperpvc.JobFixtures.target;
import static io.k8up.strategy.jobperpvc.JobFixtures.unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.k8up.core.model.Placement;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.RunContext;
import io.k8up.core.spi.RunObjects;
import io.k8up.core.spi.SecretEnv;
import io.k8up.core.spi.ResourceType;
import io.k8up.core.spi.Step;
import io.k8up.core.spi.Workflow;
import io.k8up.core.spi.support.BackupIdentity;
import io.k8up.core.spi.support.BackupJobs;
import io.k8up.core.testing.Fixtures;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The Job of a unit: its identity, its volumes and the tool's container. */
class JobShapeTest {

  private final BackupUnit unit = unit(target("data", Placement.onPodNode("node-a", false), "app-0"));

  @Test
  void oneJobNamedAndLabelledByTheRunCompletesTheUnit() {
    RunContext context = context();

    Workflow workflow = STRATEGY.workflow(unit, context);

    String name = RunObjects.name(RUN, unit);
    assertThat(workflow.steps()).as("one step, ended by the Job").hasSize(1);
    Step materialization = workflow.steps().get(0);
    assertThat(materialization.observed()).contains(ResourceType.JOB, ResourceType.POD);
    assertThat(materialization.objects()).singleElement().isInstanceOf(V1Job.class);
    V1Job job = (V1Job) materialization.objects().get(0);
    assertThat(job.getApiVersion()).isEqualTo("batch/v1");
    assertThat(job.getKind()).isEqualTo("Job");
    assertThat(job.getMetadata().getName()).isEqualTo(name);
    assertThat(job.getMetadata().getNamespace()).isEqualTo(Fixtures.NAMESPACE);
    Map<String, String> labels = RunObjects.labels(RUN, unit, context.tool());
    Map<String, String> annotations = RunObjects.annotations(unit, context.tool());
    assertThat(job.getMetadata().getLabels()).isEqualTo(labels);
    assertThat(job.getMetadata().getAnnotations()).isEqualTo(annotations);
    assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).isEqualTo(labels);
    assertThat(job.getSpec().getTemplate().getMetadata().getAnnotations()).isEqualTo(annotations);
  }

  @Test
  void jobNeverRetriesByItselfAndIsDeletedADayAfterItEnds() {
    V1Job job = job(unit, context());

    assertThat(job.getSpec().getBackoffLimit()).isZero();
    assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(86_400);
    V1PodSpec pod = job.getSpec().getTemplate().getSpec();
    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getEnableServiceLinks()).isFalse();
    assertThat(pod.getServiceAccountName()).isNull();
  }

  @Test
  void serviceAccountComesFromTheTool() {
    BackupToolSpec tool = BackupToolSpec.restic("repo").serviceAccountName("backup").build();

    assertThat(podSpec(unit, context(tool)).getServiceAccountName()).isEqualTo("backup");
  }

  @Test
  void everyClaimOfAUnitIsMountedReadOnlyAtItsPathBesideAWritableScratchDirectory() {
    Placement node = Placement.onPodNode("node-a", false);
    String longClaim = "x".repeat(253);
    BackupUnit perNode = unit(target("data", node, "app-0"), target("logs", node, "app-0"), target(longClaim, node, "app-1"));

    V1PodSpec pod = podSpec(perNode, context());

    assertThat(pod.getVolumes()).extracting(V1Volume::getName).containsExactly("claim-0", "claim-1", "claim-2", "scratch");
    assertThat(pod.getVolumes().subList(0, 3)).allSatisfy(volume ->
        assertThat(volume.getPersistentVolumeClaim().getReadOnly()).isTrue());
    assertThat(pod.getVolumes()).extracting(volume -> volume.getPersistentVolumeClaim() == null
            ? null : volume.getPersistentVolumeClaim().getClaimName())
        .containsExactly("data", "logs", longClaim, null);
    assertThat(pod.getVolumes().get(3).getEmptyDir()).isNotNull();
    List<V1VolumeMount> mounts = pod.getContainers().get(0).getVolumeMounts();
    assertThat(mounts).extracting(V1VolumeMount::getName, V1VolumeMount::getMountPath, V1VolumeMount::getReadOnly)
        .containsExactly(
            tuple("claim-0", "/data/data", true),
            tuple("claim-1", "/data/logs", true),
            tuple("claim-2", "/data/" + longClaim, true),
            tuple("scratch", "/tmp", null));
  }

  @Test
  void containerRunsTheToolWithItsPlaceholdersFilled() {
    Placement node = Placement.onPodNode("node-a", false);
    BackupUnit perNode = unit(target("data", node, "app-0"), target("logs", node, "app-0"));

    V1Container container = container(perNode, context());

    assertThat(container.getName()).isEqualTo("backup");
    assertThat(container.getImage()).isEqualTo(BackupToolSpec.RESTIC_IMAGE);
    assertThat(container.getImagePullPolicy()).isEqualTo("IfNotPresent");
    assertThat(container.getCommand()).containsExactly("restic");
    assertThat(container.getArgs()).containsExactly(
        "backup", "--host", Fixtures.NAMESPACE, "--tag", "k8up-rwo", "--tag", "run=" + RUN.value(),
        "/data/data", "/data/logs");
  }

  @Test
  void emptyCommandKeepsTheImagesEntrypoint() {
    BackupToolSpec tool = BackupToolSpec.builder().image("example/backup:1").addArgs("{claims}").build();

    V1Container container = container(unit, context(tool));

    assertThat(container.getCommand()).isNullOrEmpty();
    assertThat(container.getArgs()).containsExactly("data");
  }

  @Test
  void secretsAreReferencedByNameAndKeyNeverByValue() {
    BackupToolSpec tool = BackupToolSpec.restic("repo")
        .addSecretEnv(SecretEnv.of("AWS_SECRET_ACCESS_KEY", "s3", "secret-key"))
        .build();

    V1Container container = container(unit, context(tool));

    assertThat(container.getEnv()).extracting(V1EnvVar::getName)
        .containsExactly("RESTIC_CACHE_DIR", "HOME", "AWS_SECRET_ACCESS_KEY");
    assertThat(container.getEnv().get(0).getValue()).isEqualTo("/tmp/restic-cache");
    V1EnvVar secret = container.getEnv().get(2);
    assertThat(secret.getValue()).isNull();
    assertThat(secret.getValueFrom().getSecretKeyRef().getName()).isEqualTo("s3");
    assertThat(secret.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("secret-key");
    assertThat(container.getEnvFrom()).singleElement()
        .satisfies(source -> assertThat(source.getSecretRef().getName()).isEqualTo("repo"));
    assertThat(STRATEGY.workflow(unit, context(tool)).manifests())
        .noneMatch(object -> "Secret".equals(object.getKind()));
  }

  @Test
  void resourcesAreTheToolsAsQuantities() {
    BackupToolSpec tool = BackupToolSpec.restic("repo")
        .putResourceRequests("cpu", "100m")
        .putResourceRequests("memory", "256Mi")
        .putResourceLimits("memory", "1Gi")
        .build();

    V1Container container = container(unit, context(tool));

    assertThat(container.getResources().getRequests())
        .containsExactly(Map.entry("cpu", new Quantity("100m")), Map.entry("memory", new Quantity("256Mi")));
    assertThat(container.getResources().getLimits()).containsExactly(Map.entry("memory", new Quantity("1Gi")));
  }

  @Test
  void amountThatIsNotAQuantityIsRejectedNamingIt() {
    BackupToolSpec tool = BackupToolSpec.restic("repo").putResourceLimits("memory", "lots").build();

    assertThatThrownBy(() -> STRATEGY.workflow(unit, context(tool)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("memory")
        .hasMessageContaining("lots");
  }

  @Test
  void materializingTwiceGivesEqualObjects() {
    Placement node = Placement.onPodNode("node-a", false);
    BackupUnit perNode = unit(target("data", node, "app-0", "app-1"), target("logs", node, "app-1"));
    RunContext context = context(BackupToolSpec.restic("repo").putResourceRequests("cpu", "0.5").build(),
        Fixtures.runningPod("app-0", "node-a", "data").runAsUser(1000L).fsGroup(2000L).build(),
        Fixtures.runningPod("app-1", "node-a", "data", "logs").fsGroup(3000L).build());

    String first = JSON.serialize(STRATEGY.workflow(perNode, context).manifests());
    String second = JSON.serialize(STRATEGY.workflow(perNode, context).manifests());

    assertThat(first).isEqualTo(second).contains("\"supplementalGroups\":[2000,3000]");
  }

  @Test
  void jobPlacedAnywhereIsTheSharedBackupJobThatCsiSnapshotBuildsToo() {
    BackupUnit unit = unit(target("data", Placement.anywhere()));
    RunContext context = context();

    V1PodSpec shared = BackupJobs.podSpec(unit, context, BackupIdentity.ofTool(context.tool()), UnaryOperator.identity());

    assertThat(job(unit, context)).isEqualTo(BackupJobs.job(unit, context, shared));
  }
}
