package io.k8up.core.spi.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8up.core.model.Pod;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one rule for the user and groups a backup runs as, whatever the strategy. */
class BackupIdentityTest {

  private static final BackupToolSpec TOOL = BackupToolSpec.restic("repo")
      .runAsUser(1500L).runAsGroup(1600L).addSupplementalGroups(1700L).build();

  @Test
  void firstPodThatSetsAnIdGivesItAndFsGroupsThenToolGroupsAreSupplemental() {
    Pod plain = Fixtures.runningPod("app-0", "node-a", "data").fsGroup(2000L).build();
    Pod grouped = Fixtures.runningPod("app-1", "node-a", "data").runAsGroup(3001L).build();
    Pod identified = Fixtures.runningPod("app-2", "node-a", "data").runAsUser(4000L).runAsGroup(4001L).fsGroup(3000L).build();

    BackupIdentity identity = BackupIdentity.of(TOOL, List.of(plain, grouped, identified));

    assertThat(identity.user()).isEqualTo(4000L);
    assertThat(identity.group()).isEqualTo(3001L);
    assertThat(identity.supplementalGroups()).containsExactly(2000L, 3000L, 1700L);
    assertThat(identity.isRoot()).isFalse();
  }

  @Test
  void podsUserOrGroupZeroIsNeverCopied() {
    Pod root = Fixtures.runningPod("app-0", "node-a", "data").runAsUser(0L).runAsGroup(0L).build();
    Pod later = Fixtures.runningPod("app-1", "node-a", "data").runAsUser(1000L).runAsGroup(1001L).build();

    BackupIdentity identity = BackupIdentity.of(TOOL, List.of(root, later));

    assertThat(identity.user()).as("the first pod that sets one decides, and 0 means the tool's").isEqualTo(1500L);
    assertThat(identity.group()).isEqualTo(1600L);
  }

  @Test
  void withoutMountingPodsTheToolsIdentity() {
    BackupIdentity identity = BackupIdentity.ofTool(TOOL);

    assertThat(identity).isEqualTo(BackupIdentity.of(TOOL, List.of()));
    assertThat(identity.user()).isEqualTo(1500L);
    assertThat(identity.group()).isEqualTo(1600L);
    assertThat(identity.supplementalGroups()).containsExactly(1700L);
  }

  @Test
  void rootOnlyWhenTheToolAsksWhateverThePodsSet() {
    BackupToolSpec root = BackupToolSpec.restic("repo").runAsRoot(true).build();
    Pod app = Fixtures.runningPod("app-0", "node-a", "data").runAsUser(1000L).fsGroup(2000L).build();

    BackupIdentity identity = BackupIdentity.of(root, List.of(app));

    assertThat(identity.isRoot()).isTrue();
    assertThat(identity.group()).isZero();
    assertThat(identity.supplementalGroups()).containsExactly(2000L);
  }
}
