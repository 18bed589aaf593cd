package io.k8up.strategy.csisnapshot;

import static io.k8up.strategy.csisnapshot.SnapshotFixtures.claim;
import static io.k8up.strategy.csisnapshot.SnapshotFixtures.cluster;
import static io.k8up.strategy.csisnapshot.SnapshotFixtures.context;
import static io.k8up.strategy.csisnapshot.SnapshotFixtures.materialize;
import static io.k8up.strategy.csisnapshot.SnapshotFixtures.podSpec;
import static io.k8up.strategy.csisnapshot.SnapshotFixtures.target;
import static io.k8up.strategy.csisnapshot.SnapshotFixtures.unit;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.MoreCollectors;
import io.k8up.core.model.Placement;
import io.k8up.core.model.Pod;
import io.k8up.core.model.Toleration;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.RunContext;
import io.k8up.core.spi.RunObjects;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.support.BackupIdentity;
import io.k8up.core.spi.support.BackupJobs;
import io.k8up.core.testing.Fixtures;
import io.k8up.core.testing.RestrictedProfile;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Toleration;
import io.kubernetes.client.openapi.models.V1Volume;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Job backs the temporary claim up as if it were the claim, wherever the scheduler puts it. */
class SnapshotJobTest {

  @Test
  void jobMountsTheTemporaryClaimReadOnlyAtTheOriginalClaimsPath() {
    SnapshotObjects materialization = materialize("data");
    V1PodSpec pod = podSpec(materialization);
    String temporary = materialization.temporaryClaim().getMetadata().getName();

    V1Volume claimVolume = pod.getVolumes().stream()
        .filter(volume -> volume.getPersistentVolumeClaim() != null)
        .collect(MoreCollectors.onlyElement());
    assertThat(claimVolume.getPersistentVolumeClaim().getClaimName()).isEqualTo(temporary);
    assertThat(claimVolume.getPersistentVolumeClaim().getReadOnly()).isTrue();
    V1Container container = pod.getContainers().get(0);
    assertThat(container.getVolumeMounts())
        .filteredOn(mount -> mount.getName().equals(claimVolume.getName()))
        .singleElement()
        .satisfies(mount -> {
          assertThat(mount.getMountPath()).isEqualTo("/data/data");
          assertThat(mount.getReadOnly()).isTrue();
        });
    assertThat(container.getArgs()).contains("/data/data").doesNotContain("/data/" + temporary);
  }

  @Test
  void jobIsTheJobPerPvcJobNamedAndLabelledForTheUnit() {
    BackupUnit unit = unit(target("data"));
    V1Job job = materialize("data").job();

    assertThat(job.getApiVersion()).isEqualTo("batch/v1");
    assertThat(job.getMetadata().getName()).isEqualTo(RunObjects.name(SnapshotFixtures.RUN, unit));
    assertThat(job.getMetadata().getNamespace()).isEqualTo(Fixtures.NAMESPACE);
    assertThat(job.getMetadata().getLabels())
        .isEqualTo(RunObjects.labels(SnapshotFixtures.RUN, unit, BackupToolSpec.restic("repo").build()));
    assertThat(job.getSpec().getBackoffLimit()).isZero();
    assertThat(job.getSpec().getTtlSecondsAfterFinished()).isPositive();
    assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
  }

  @Test
  void jobIsPinnedToNoNodeWhateverTheClaimsPlacement() {
    Pod app = Fixtures.runningPod("app-0", "node-a", "data")
        .runAsUser(1000L)
        .addTolerations(Toleration.builder().key("dedicated").operator("Exists").build())
        .build();
    ClusterSnapshot cluster = ClusterSnapshot.of(List.of(claim("data")),
            List.of(SnapshotFixtures.csiVolume("data")), List.of(app))
        .withSnapshotClasses(cluster(claim("data")).snapshotClasses())
        .withNodes(List.of(Fixtures.node("node-a").addTaints(Fixtures.taint("dedicated", "NoSchedule")).build()));
    List<Placement> placements = List.of(
        Placement.onPodNode("node-a", false),
        Placement.onPodNode("node-a", true),
        Placement.byNodeAffinity(List.of(Fixtures.hostnameTerm("node-a"))),
        Placement.onHostname("node-a"));

    for (Placement placement : placements) {
      String[] pods = placement.type() == Placement.Type.POD_NODE ? new String[] {"app-0"} : new String[0];
      V1PodSpec pod = podSpec(materialize(unit(target("data", placement, pods)), context(cluster)));

      assertThat(pod.getAffinity()).as(placement.toString()).isNull();
      assertThat(pod.getNodeSelector()).as(placement.toString()).isNullOrEmpty();
      assertThat(pod.getNodeName()).as(placement.toString()).isNull();
      assertThat(pod.getTolerations()).as(placement.toString()).extracting(V1Toleration::getKey)
          .doesNotContain("dedicated");
      // No pod mounts the restored volume: the tool's user, not the application's.
      assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(BackupToolSpec.DEFAULT_USER);
    }
  }

  @Test
  void podPassesTheRestrictedProfile() {
    V1Job job = materialize("data").job();

    assertThat(RestrictedProfile.violations(job.getSpec().getTemplate())).isEmpty();
  }

  @Test
  void toolAskingForRootRunsAsRoot() {
    RunContext root = RunContext.of(SnapshotFixtures.RUN, BackupToolSpec.restic("repo").runAsRoot(true).build(),
        cluster(claim("data")));

    V1PodSpec pod = podSpec(materialize(unit(target("data")), root));

    assertThat(pod.getSecurityContext().getRunAsUser()).isZero();
  }

  @Test
  void laterAttemptGetsItsOwnNamesForAllThreeObjects() {
    BackupUnit second = unit(target("data")).withAttempt(2);

    SnapshotObjects materialization = materialize(second, context(cluster(claim("data"))));

    String name = RunObjects.name(SnapshotFixtures.RUN, second);
    assertThat(name).endsWith("-2");
    assertThat(materialization.manifests())
        .allSatisfy(object -> assertThat(object.getMetadata().getName()).isEqualTo(name));
    assertThat(materialization.temporaryClaim().getSpec().getDataSource().getName()).isEqualTo(name);
    assertThat(podSpec(materialization).getVolumes().get(0).getPersistentVolumeClaim().getClaimName()).isEqualTo(name);
  }

  @Test
  void jobIsTheSharedBackupJobOfTheTemporaryClaimAsJobPerPvcBuildsIt() {
    BackupUnit unit = unit(target("data"));
    RunContext context = context(cluster(claim("data")));
    String temporary = RunObjects.name(SnapshotFixtures.RUN, unit);

    V1PodSpec shared = BackupJobs.podSpec(unit, context, BackupIdentity.ofTool(context.tool()), claim -> temporary);

    assertThat(materialize(unit, context).job()).isEqualTo(BackupJobs.job(unit, context, shared));
  }
}
