package io.k8up.strategy.jobperpvc;

import static io.k8up.strategy.jobperpvc.JobFixtures.context;
import static io.k8up.strategy.jobperpvc.JobFixtures.job;
import static io.k8up.strategy.jobperpvc.JobFixtures.podSpec;
import static io.k8up.strategy.jobperpvc.JobFixtures.target;
import static io.k8up.strategy.jobperpvc.JobFixtures.unit;
import static org.assertj.core.api.Assertions.assertThat;

import io.k8up.core.model.Placement;
import io.k8up.core.model.Pod;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.RunContext;
import io.k8up.core.testing.Fixtures;
import io.k8up.core.testing.RestrictedProfile;
import io.kubernetes.client.openapi.models.V1PodSecurityContext;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1SecurityContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Backup pods run as the application that wrote the files, never as root unless asked, and pass the
 * Pod Security "restricted" profile.
 */
class SecurityTest {

  private static final Placement NODE_A = Placement.onPodNode("node-a", false);

  @Test
  void mountingPodsGiveUserAndGroupAndTheirFsGroupsBecomeSupplementalGroups() {
    Pod app = Fixtures.runningPod("app-0", "node-a", "data").runAsUser(1000L).runAsGroup(1001L).fsGroup(2000L).build();

    V1PodSpec spec = podSpec(unit(target("data", NODE_A, "app-0")), context(app));

    V1PodSecurityContext pod = spec.getSecurityContext();
    assertThat(pod.getRunAsUser()).isEqualTo(1000L);
    assertThat(pod.getRunAsGroup()).isEqualTo(1001L);
    assertThat(pod.getSupplementalGroups()).containsExactly(2000L);
    assertThat(pod.getFsGroup()).as("kubelet would change the application's files").isNull();
    assertHardened(spec);
  }

  @Test
  void firstMountingPodThatSetsAnIdGivesItAcrossTheUnitsClaims() {
    Pod plain = Fixtures.runningPod("app-0", "node-a", "data").fsGroup(2000L).build();
    Pod grouped = Fixtures.runningPod("app-1", "node-a", "logs").runAsGroup(3001L).fsGroup(3000L).build();
    Pod identified = Fixtures.runningPod("app-2", "node-a", "logs").runAsUser(4000L).runAsGroup(4001L).fsGroup(2000L).build();
    BackupUnit perNode = unit(target("data", NODE_A, "app-0"), target("logs", NODE_A, "app-1", "app-2"));

    V1PodSecurityContext pod = podSpec(perNode, context(plain, grouped, identified)).getSecurityContext();

    assertThat(pod.getRunAsUser()).isEqualTo(4000L);
    assertThat(pod.getRunAsGroup()).isEqualTo(3001L);
    assertThat(pod.getSupplementalGroups()).containsExactly(2000L, 3000L);
  }

  @Test
  void mountingPodWithoutIdsLeavesTheToolsUser() {
    Pod app = Fixtures.runningPod("app-0", "node-a", "data").build();

    V1PodSpec spec = podSpec(unit(target("data", NODE_A, "app-0")), context(app));

    assertThat(spec.getSecurityContext().getRunAsUser()).isEqualTo(BackupToolSpec.DEFAULT_USER);
    assertThat(spec.getSecurityContext().getRunAsGroup()).isEqualTo(BackupToolSpec.DEFAULT_USER);
    assertThat(spec.getSecurityContext().getSupplementalGroups()).isEmpty();
    assertHardened(spec);
  }

  @Test
  void mountingPodRunningAsRootDoesNotMakeTheBackupRoot() {
    Pod rootApp = Fixtures.runningPod("app-0", "node-a", "data").runAsUser(0L).runAsGroup(0L).build();

    V1PodSpec spec = podSpec(unit(target("data", NODE_A, "app-0")), context(rootApp));

    assertThat(spec.getSecurityContext().getRunAsUser()).isEqualTo(BackupToolSpec.DEFAULT_USER);
    assertThat(spec.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertHardened(spec);
  }

  @Test
  void withoutMountingPodTheToolsUserAndGroupsAreUsed() {
    BackupToolSpec tool = BackupToolSpec.restic("repo")
        .runAsUser(1500L).runAsGroup(1600L).addSupplementalGroups(1700L, 1800L).build();
    Placement affinity = Placement.byNodeAffinity(List.of(Fixtures.hostnameTerm("node-a")));

    for (Placement placement : List.of(Placement.anywhere(), Placement.onHostname("node-a"), affinity)) {
      V1PodSpec spec = podSpec(unit(target("data", placement)), context(tool));

      V1PodSecurityContext pod = spec.getSecurityContext();
      assertThat(pod.getRunAsUser()).as(placement.type().name()).isEqualTo(1500L);
      assertThat(pod.getRunAsGroup()).isEqualTo(1600L);
      assertThat(pod.getSupplementalGroups()).containsExactly(1700L, 1800L);
      assertHardened(spec);
    }
  }

  @Test
  void rootIsRootOnlyWhenAskedAndThenMayOnlyReadEveryFile() {
    BackupToolSpec tool = BackupToolSpec.restic("repo").runAsRoot(true).build();
    Pod app = Fixtures.runningPod("app-0", "node-a", "data").runAsUser(1000L).build();

    V1PodSpec spec = podSpec(unit(target("data", NODE_A, "app-0")), context(tool, app));

    assertThat(spec.getSecurityContext().getRunAsUser()).isZero();
    assertThat(spec.getSecurityContext().getRunAsNonRoot()).isFalse();
    assertThat(spec.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    V1SecurityContext container = spec.getContainers().get(0).getSecurityContext();
    assertThat(container.getRunAsNonRoot()).isFalse();
    assertThat(container.getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getCapabilities().getAdd()).as("baseline admits it").containsExactly("DAC_OVERRIDE");
    assertThat(RestrictedProfile.violations(spec)).containsExactlyInAnyOrder(
        "spec.securityContext.runAsUser is 0",
        "spec.containers[backup].securityContext.runAsNonRoot is not true, nor is the pod's",
        "spec.containers[backup].securityContext.capabilities.add holds DAC_OVERRIDE");
  }

  @Test
  void jobTemplatePassesTheRestrictedProfile() {
    RunContext context = context(Fixtures.runningPod("app-0", "node-a", "data").build());

    assertThat(RestrictedProfile.violations(job(unit(target("data", NODE_A, "app-0")), context).getSpec().getTemplate()))
        .isEmpty();
  }

  /** The restricted profile holds, and more: a read-only root file system and no pod-level fsGroup. */
  private static void assertHardened(V1PodSpec spec) {
    assertThat(RestrictedProfile.violations(spec)).isEmpty();
    V1SecurityContext container = spec.getContainers().get(0).getSecurityContext();
    assertThat(container.getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(container.getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getRunAsNonRoot()).isTrue();
    assertThat(container.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(spec.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(spec.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(spec.getSecurityContext().getFsGroup()).isNull();
  }
}
