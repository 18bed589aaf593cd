package io.k8up.strategy.ephemeral;

import static io.k8up.strategy.ephemeral.EphemeralFixtures.container;
import static io.k8up.strategy.ephemeral.EphemeralFixtures.context;
import static io.k8up.strategy.ephemeral.EphemeralFixtures.heldClaim;
import static io.k8up.strategy.ephemeral.EphemeralFixtures.unit;
import static org.assertj.core.api.Assertions.assertThat;

import io.k8up.core.model.ImmutablePod;
import io.k8up.core.model.Pod;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.testing.Fixtures;
import io.k8up.core.testing.RestrictedProfile;
import io.kubernetes.client.openapi.models.V1Capabilities;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1EphemeralContainer;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimVolumeSource;
import io.kubernetes.client.openapi.models.V1PodSecurityContext;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1SeccompProfile;
import io.kubernetes.client.openapi.models.V1SecurityContext;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The container runs as the application where the pod says who that is, never as root unless asked,
 * and passes the Pod Security "restricted" profile that the pod's namespace may enforce on it.
 */
class SecurityTest {

  private final BackupUnit unit = unit(heldClaim("db", true, "db-0"));

  @Test
  void podWithANonRootUserLeavesUserAndGroupToThePod() {
    Pod db = dbPod().runAsUser(1000L).runAsGroup(1001L).fsGroup(2000L).build();

    V1SecurityContext context = container(unit, context(db)).getSecurityContext();

    assertThat(context.getRunAsUser()).as("the pod's applies, as to its own containers").isNull();
    assertThat(context.getRunAsGroup()).isNull();
    assertHardened(context);
  }

  @Test
  void podWithoutAUserGetsTheToolsUserAndGroupNeverTheImages() {
    V1SecurityContext context = container(unit, context(dbPod().fsGroup(2000L).build())).getSecurityContext();

    assertThat(context.getRunAsUser()).isEqualTo(BackupToolSpec.DEFAULT_USER);
    assertThat(context.getRunAsGroup()).isEqualTo(BackupToolSpec.DEFAULT_USER);
    assertHardened(context);
  }

  @Test
  void podRunningAsRootDoesNotMakeTheBackupRoot() {
    Pod rootApp = dbPod().runAsUser(0L).runAsGroup(0L).build();
    BackupToolSpec tool = BackupToolSpec.restic("repo").runAsUser(1500L).runAsGroup(1600L).build();

    V1SecurityContext context = container(unit, context(tool, rootApp)).getSecurityContext();

    assertThat(context.getRunAsUser()).isEqualTo(1500L);
    assertThat(context.getRunAsGroup()).isEqualTo(1600L);
    assertHardened(context);
  }

  @Test
  void podWithAUserButNoGroupGetsTheToolsGroupAsJobPerPvcDoes() {
    Pod db = dbPod().runAsUser(1000L).build();
    BackupToolSpec tool = BackupToolSpec.restic("repo").runAsUser(1500L).runAsGroup(1600L).build();

    V1SecurityContext context = container(unit, context(tool, db)).getSecurityContext();

    assertThat(context.getRunAsUser()).as("the pod's applies").isNull();
    assertThat(context.getRunAsGroup()).isEqualTo(1600L);
    assertHardened(context);
  }

  @Test
  void podWithAGroupButNoUserGetsTheToolsUserAndKeepsItsGroupAsJobPerPvcDoes() {
    Pod db = dbPod().runAsGroup(3001L).build();
    BackupToolSpec tool = BackupToolSpec.restic("repo").runAsUser(1500L).runAsGroup(1600L).build();

    V1SecurityContext context = container(unit, context(tool, db)).getSecurityContext();

    assertThat(context.getRunAsUser()).isEqualTo(1500L);
    assertThat(context.getRunAsGroup()).as("the pod's applies").isNull();
    assertHardened(context);
  }

  @Test
  void rootFileSystemStaysWritableForTheToolsCacheSinceNoVolumeCanBeAdded() {
    V1EphemeralContainer container = container(unit, context(dbPod().build()));

    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isFalse();
    assertThat(container.getVolumeMounts()).extracting(V1VolumeMount::getMountPath).containsExactly("/data/db");
    assertThat(container.getEnv()).anySatisfy(env -> assertThat(env.getValue()).isEqualTo("/tmp/restic-cache"));
  }

  @Test
  void rootIsRootOnlyWhenAskedAndThenMayOnlyReadEveryFile() {
    BackupToolSpec tool = BackupToolSpec.restic("repo").runAsRoot(true).build();
    Pod db = dbPod().runAsUser(1000L).build();

    V1EphemeralContainer container = container(unit, context(tool, db));

    V1SecurityContext context = container.getSecurityContext();
    assertThat(context.getRunAsUser()).isZero();
    assertThat(context.getRunAsGroup()).isZero();
    assertThat(context.getRunAsNonRoot()).isFalse();
    assertThat(context.getAllowPrivilegeEscalation()).isFalse();
    assertThat(context.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(context.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(context.getCapabilities().getAdd()).as("baseline admits it").containsExactly("DAC_OVERRIDE");
    assertThat(context.getPrivileged()).isNull();
    String path = "spec.ephemeralContainers[" + container.getName() + "].securityContext";
    assertThat(RestrictedProfile.violations(applicationPod(db).ephemeralContainers(List.of(container))))
        .containsExactlyInAnyOrder(
            path + ".runAsUser is 0",
            path + ".runAsNonRoot is not true, nor is the pod's",
            path + ".capabilities.add holds DAC_OVERRIDE");
  }

  @Test
  void restrictedApplicationPodWithTheContainerAddedStillPassesTheRestrictedProfile() {
    List<Pod> pods = List.of(dbPod().build(), dbPod().runAsUser(1000L).runAsGroup(1001L).fsGroup(2000L).build());

    for (Pod pod : pods) {
      V1PodSpec spec = applicationPod(pod).ephemeralContainers(List.of(container(unit, context(pod))));

      assertThat(RestrictedProfile.violations(applicationPod(pod))).isEmpty();
      assertThat(RestrictedProfile.violations(spec)).as(pod.toString()).isEmpty();
    }
  }

  @Test
  void containerPassesTheRestrictedProfileOnItsOwnWhateverThePodSets() {
    Pod rootApp = dbPod().runAsUser(0L).runAsGroup(0L).build();
    V1PodSpec lax = new V1PodSpec()
        .securityContext(new V1PodSecurityContext().runAsUser(0L).runAsGroup(0L)
            .seccompProfile(new V1SeccompProfile().type("Unconfined")))
        .containers(List.of(new V1Container().name("app")))
        .ephemeralContainers(List.of(container(unit, context(rootApp))));

    assertThat(RestrictedProfile.violations(lax))
        .isNotEmpty()
        .noneMatch(violation -> violation.startsWith("spec.ephemeralContainers"));
  }

  @Test
  void profileCheckerInspectsEphemeralContainers() {
    V1PodSpec spec = applicationPod(dbPod().build())
        .ephemeralContainers(List.of(new V1EphemeralContainer().name("debugger")));

    assertThat(RestrictedProfile.violations(spec)).contains(
        "spec.ephemeralContainers[debugger].securityContext.allowPrivilegeEscalation is not false",
        "spec.ephemeralContainers[debugger].securityContext.capabilities.drop does not hold ALL");
  }

  private static ImmutablePod.Builder dbPod() {
    return Fixtures.runningPod("db-0", EphemeralFixtures.NODE, "db");
  }

  /**
   * The spec of {@code pod}, an application pod that passes the restricted profile, mounting claim
   * {@code db}.
   */
  private static V1PodSpec applicationPod(Pod pod) {
    return new V1PodSpec()
        .securityContext(new V1PodSecurityContext()
            .runAsUser(pod.runAsUser().orElse(null))
            .runAsGroup(pod.runAsGroup().orElse(null))
            .fsGroup(pod.fsGroup().orElse(null))
            .runAsNonRoot(true)
            .seccompProfile(new V1SeccompProfile().type("RuntimeDefault")))
        .containers(List.of(new V1Container()
            .name("app")
            .securityContext(new V1SecurityContext()
                .allowPrivilegeEscalation(false)
                .capabilities(new V1Capabilities().drop(List.of("ALL"))))
            .volumeMounts(List.of(new V1VolumeMount().name("vol-db").mountPath("/var/lib/db")))))
        .volumes(List.of(new V1Volume()
            .name("vol-db")
            .persistentVolumeClaim(new V1PersistentVolumeClaimVolumeSource().claimName("db"))));
  }

  /** The restricted profile holds, and more: no privilege, no capability at all. */
  private static void assertHardened(V1SecurityContext context) {
    assertThat(context.getAllowPrivilegeEscalation()).isFalse();
    assertThat(context.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(context.getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(context.getRunAsNonRoot()).isTrue();
    assertThat(context.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(context.getPrivileged()).isNull();
  }
}
