package io.k8up.strategy.ephemeral;

import static io.k8up.strategy.ephemeral.EphemeralFixtures.RUN;
import static io.k8up.strategy.ephemeral.EphemeralFixtures.container;
import static io.k8up.strategy.ephemeral.EphemeralFixtures.context;
import static io.k8up.strategy.ephemeral.EphemeralFixtures.heldClaim;
import static io.k8up.strategy.ephemeral.EphemeralFixtures.materialize;
import static io.k8up.strategy.ephemeral.EphemeralFixtures.unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.k8up.core.model.Pod;
import io.k8up.core.model.PodVolume;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.RunContext;
import io.k8up.core.spi.RunObjects;
import io.k8up.core.spi.SecretEnv;
import io.k8up.core.testing.Fixtures;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1EphemeralContainer;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import org.junit.jupiter.api.Test;

/** The ephemeral container of a unit: the pod it goes to, its name, the tool it runs and what it mounts. */
class ContainerShapeTest {

  private final Pod db = Fixtures.runningPod("db-0", EphemeralFixtures.NODE, "db").build();
  private final BackupUnit unit = unit(heldClaim("db", true, "db-0"));

  @Test
  void oneContainerNamedByTheRunGoesToThePodThatHoldsTheClaim() {
    PlannedContainer materialization = materialize(unit, context(db));

    assertThat(materialization.namespace()).isEqualTo(Fixtures.NAMESPACE);
    assertThat(materialization.pod()).isEqualTo("db-0");
    assertThat(materialization.containerName()).isEqualTo(RunObjects.name(RUN, unit)).startsWith("k8up-rwo-nightly-1-");
  }

  @Test
  void containerRunsTheToolWithItsPlaceholdersFilled() {
    V1EphemeralContainer container = container(unit, context(db));

    assertThat(container.getImage()).isEqualTo(BackupToolSpec.RESTIC_IMAGE);
    assertThat(container.getImagePullPolicy()).isEqualTo("IfNotPresent");
    assertThat(container.getTerminationMessagePolicy()).isEqualTo("FallbackToLogsOnError");
    assertThat(container.getCommand()).containsExactly("restic");
    assertThat(container.getArgs()).containsExactly(
        "backup", "--host", Fixtures.NAMESPACE, "--tag", "k8up-rwo", "--tag", "run=" + RUN.value(), "/data/db");
  }

  @Test
  void claimIsMountedReadOnlyFromThePodsOwnVolume() {
    V1EphemeralContainer container = container(unit, context(db));

    assertThat(container.getVolumeMounts())
        .extracting(V1VolumeMount::getName, V1VolumeMount::getMountPath, V1VolumeMount::getReadOnly)
        .containsExactly(tuple("vol-db", "/data/db", true));
  }

  @Test
  void volumeIsFoundByTheNameThePodGivesIt() {
    Pod postgres = Fixtures.runningPod("postgres-0", EphemeralFixtures.NODE)
        .addClaimVolumes(PodVolume.of("scratch", "postgres-0-scratch"), PodVolume.of("pgdata", "data-postgres-0"))
        .build();
    BackupUnit held = unit(heldClaim("data-postgres-0", true, "postgres-0"));

    V1EphemeralContainer container = container(held, context(postgres));

    assertThat(container.getVolumeMounts()).singleElement().satisfies(mount -> {
      assertThat(mount.getName()).isEqualTo("pgdata");
      assertThat(mount.getMountPath()).isEqualTo("/data/data-postgres-0");
      assertThat(mount.getReadOnly()).isTrue();
    });
  }

  @Test
  void severalClaimsOfOnePodShareOneContainer() {
    Pod app = Fixtures.runningPod("app-0", EphemeralFixtures.NODE, "logs", "data").build();
    BackupUnit both = unit(heldClaim("logs", true, "app-0"), heldClaim("data", true, "app-0"));

    PlannedContainer materialization = materialize(both, context(app));

    assertThat(materialization.pod()).isEqualTo("app-0");
    V1EphemeralContainer container = materialization.container();
    assertThat(container.getVolumeMounts())
        .extracting(V1VolumeMount::getName, V1VolumeMount::getMountPath, V1VolumeMount::getReadOnly)
        .containsExactly(tuple("vol-data", "/data/data", true), tuple("vol-logs", "/data/logs", true));
    assertThat(container.getArgs()).endsWith("/data/data", "/data/logs");
  }

  @Test
  void emptyCommandKeepsTheImagesEntrypoint() {
    BackupToolSpec tool = BackupToolSpec.builder().image("example/backup:1").addArgs("{claims}").build();

    V1EphemeralContainer container = container(unit, context(tool, db));

    assertThat(container.getCommand()).isNullOrEmpty();
    assertThat(container.getArgs()).containsExactly("db");
  }

  @Test
  void secretsAreReferencedByNameAndKeyNeverByValue() {
    BackupToolSpec tool = BackupToolSpec.restic("repo")
        .addSecretEnv(SecretEnv.of("AWS_SECRET_ACCESS_KEY", "s3", "secret-key"))
        .build();

    V1EphemeralContainer container = container(unit, context(tool, db));

    assertThat(container.getEnv()).extracting(V1EnvVar::getName, V1EnvVar::getValue).containsExactly(
        tuple("RESTIC_CACHE_DIR", "/tmp/restic-cache"), tuple("HOME", "/tmp"), tuple("AWS_SECRET_ACCESS_KEY", null));
    V1EnvVar secret = container.getEnv().get(2);
    assertThat(secret.getValueFrom().getSecretKeyRef().getName()).isEqualTo("s3");
    assertThat(secret.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("secret-key");
    assertThat(container.getEnvFrom()).singleElement()
        .satisfies(source -> assertThat(source.getSecretRef().getName()).isEqualTo("repo"));
  }

  @Test
  void whatTheApiForbidsAnEphemeralContainerIsLeftOutEvenWhenTheToolAsksForIt() {
    BackupToolSpec tool = BackupToolSpec.restic("repo")
        .putResourceRequests("cpu", "100m")
        .putResourceLimits("memory", "1Gi")
        .serviceAccountName("backup")
        .build();

    V1EphemeralContainer container = container(unit, context(tool, db));

    assertThat(container.getResources()).isNull();
    assertThat(container.getPorts()).isNullOrEmpty();
    assertThat(container.getLivenessProbe()).isNull();
    assertThat(container.getReadinessProbe()).isNull();
    assertThat(container.getStartupProbe()).isNull();
    assertThat(container.getLifecycle()).isNull();
    assertThat(container.getResizePolicy()).isNullOrEmpty();
    assertThat(container.getRestartPolicy()).isNull();
    assertThat(container.getTargetContainerName()).as("the application's processes stay out of sight").isNull();
  }

  @Test
  void anotherAttemptGetsAnotherContainer() {
    RunContext context = context(db);

    String first = materialize(unit, context).containerName();
    String second = materialize(unit.withAttempt(2), context).containerName();

    assertThat(second).isEqualTo(first + "-2");
  }

  @Test
  void materializingTwiceGivesEqualObjects() {
    Pod app = Fixtures.runningPod("app-0", EphemeralFixtures.NODE, "logs", "data").runAsUser(1000L).fsGroup(2000L).build();
    BackupUnit both = unit(heldClaim("logs", false, "app-0"), heldClaim("data", false, "app-0"));
    BackupToolSpec tool = BackupToolSpec.restic("repo").addSecretEnv(SecretEnv.of("KEY", "s3", "key")).build();

    String first = JSON.serialize(materialize(both, context(tool, app)).manifests());
    String second = JSON.serialize(materialize(both, context(tool, Pod.builder().from(app).build())).manifests());

    assertThat(first).isEqualTo(second);
  }
}
