package io.k8up.core.spi.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8up.core.model.AccessMode;
import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.Placement;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.RunContext;
import io.k8up.core.spi.RunId;
import io.k8up.core.spi.RunObjects;
import io.k8up.core.testing.Fixtures;
import io.k8up.core.testing.RestrictedProfile;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The one shape of a backup Job, which job-per-pvc, csi-snapshot and plug-ins share. */
class BackupJobsTest {

  private static final RunId RUN = RunId.of("nightly-1");
  private static final BackupToolSpec TOOL = BackupToolSpec.restic("repo").build();
  private static final BackupUnit UNIT = BackupUnit.of("test", List.of(target("data"), target("logs")));
  private static final RunContext CONTEXT = RunContext.of(RUN, TOOL, ClusterSnapshot.empty());

  @Test
  void jobIsNamedLabelledNeverRetriedAndDeletedADayAfterItEnds() {
    V1Job job = job(claim -> claim);

    assertThat(job.getApiVersion()).isEqualTo("batch/v1");
    assertThat(job.getKind()).isEqualTo("Job");
    assertThat(job.getMetadata().getName()).isEqualTo(RunObjects.name(RUN, UNIT));
    assertThat(job.getMetadata().getNamespace()).isEqualTo(Fixtures.NAMESPACE);
    assertThat(job.getMetadata().getLabels()).isEqualTo(RunObjects.labels(RUN, UNIT, TOOL));
    assertThat(job.getMetadata().getAnnotations()).isEqualTo(RunObjects.annotations(UNIT, TOOL));
    assertThat(job.getSpec().getBackoffLimit()).isZero();
    assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(BackupJobs.TTL_AFTER_FINISHED_SECONDS);
    assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).isEqualTo(RunObjects.labels(RUN, UNIT, TOOL));
    assertThat(job.getSpec().getTemplate().getMetadata().getName()).isNull();
  }

  @Test
  void podIsNeverRestartedHasNoTokenNorServiceLinksAndIsPlacedNowhere() {
    V1PodSpec pod = job(claim -> claim).getSpec().getTemplate().getSpec();

    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getEnableServiceLinks()).isFalse();
    assertThat(pod.getAffinity()).isNull();
    assertThat(pod.getNodeSelector()).isNullOrEmpty();
    assertThat(pod.getTolerations()).isNullOrEmpty();
    assertThat(RestrictedProfile.violations(pod)).isEmpty();
  }

  @Test
  void claimsAreVolumesByPositionMountedReadOnlyAtTheirOwnPathsWhateverClaimBacksThem() {
    V1PodSpec pod = job(claim -> "restored-" + claim).getSpec().getTemplate().getSpec();

    assertThat(pod.getVolumes()).extracting(V1Volume::getName).containsExactly("claim-0", "claim-1", PodVolumes.SCRATCH);
    assertThat(pod.getVolumes().get(0).getPersistentVolumeClaim().getClaimName()).isEqualTo("restored-data");
    assertThat(pod.getVolumes().get(0).getPersistentVolumeClaim().getReadOnly()).isTrue();
    assertThat(pod.getContainers()).singleElement().satisfies(container -> {
      assertThat(container.getName()).isEqualTo(ToolContainer.NAME);
      assertThat(container.getVolumeMounts()).extracting(V1VolumeMount::getMountPath)
          .containsExactly("/data/data", "/data/logs", TOOL.scratchDirectory());
      assertThat(container.getArgs()).contains("/data/data", "/data/logs");
    });
  }

  @Test
  void equalInputsGiveEqualJobs() {
    assertThat(job(claim -> claim)).isEqualTo(job(claim -> claim));
  }

  private static V1Job job(UnaryOperator<String> volumeClaim) {
    V1PodSpec pod = BackupJobs.podSpec(UNIT, CONTEXT, BackupIdentity.ofTool(TOOL), volumeClaim);
    return BackupJobs.job(UNIT, CONTEXT, pod);
  }

  private static ClaimTarget target(String claim) {
    return ClaimTarget.builder()
        .namespace(Fixtures.NAMESPACE)
        .name(claim)
        .volumeName("pv-" + claim)
        .addAccessModes(AccessMode.READ_WRITE_MANY)
        .placement(Placement.anywhere())
        .build();
  }
}
