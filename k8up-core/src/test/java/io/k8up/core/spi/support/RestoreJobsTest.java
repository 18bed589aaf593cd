package io.k8up.core.spi.support;

import static io.k8up.core.testing.Fixtures.boundClaim;
import static io.k8up.core.testing.Fixtures.runningPod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k8up.core.model.AccessMode;
import io.k8up.core.model.Claim;
import io.k8up.core.model.PersistentVolume;
import io.k8up.core.model.Pod;
import io.k8up.core.restore.RestoreDecision;
import io.k8up.core.restore.RestoreMethod;
import io.k8up.core.restore.RestorePlanner;
import io.k8up.core.restore.RestoreRequest;
import io.k8up.core.restore.RestoreTarget;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.RunId;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.RunContext;
import io.k8up.core.spi.RunObjects;
import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.K8upAnnotations;
import com.google.common.collect.ImmutableSet;
import io.k8up.core.testing.RestrictedProfile;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1EphemeralContainer;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1PodSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shape of a restore's Job, ephemeral container and new claim. */
class RestoreJobsTest {

  private static final RunId RUN = RunId.of("restore-1");
  private static final BackupToolSpec TOOL = BackupToolSpec.restic("restic-repo").build();

  @Test
  void restoreJobMountsTheTargetReadWriteAtTheBackedUpPathAndPassesRestricted() {
    ClusterSnapshot cluster = cluster(boundClaim("data", AccessMode.READ_WRITE_ONCE).build(),
        runningPod("app-0", "node-a", "data").runAsUser(1000L).runAsGroup(3000L).fsGroup(2000L).build());
    RestoreTarget target = restore(cluster, request().inUse(true).build());

    V1Job job = RestoreJobs.job(target, unit(target), RunContext.of(RUN, TOOL, cluster), List.of());

    V1PodSpec pod = job.getSpec().getTemplate().getSpec();
    assertThat(RestrictedProfile.violations(job.getSpec().getTemplate())).isEmpty();
    V1Container container = pod.getContainers().get(0);
    assertThat(container.getVolumeMounts()).anySatisfy(mount -> {
      assertThat(mount.getMountPath()).isEqualTo("/data/data");
      assertThat(mount.getReadOnly()).isFalse();
    });
    assertThat(pod.getVolumes().get(0).getPersistentVolumeClaim().getClaimName()).isEqualTo("data");
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(1000L);
    assertThat(pod.getSecurityContext().getRunAsGroup()).isEqualTo(3000L);
    assertThat(pod.getSecurityContext().getSupplementalGroups()).containsExactly(2000L);
    assertThat(pod.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
        .getNodeSelectorTerms().get(0).getMatchFields().get(0).getValues()).containsExactly("node-a");
    assertThat(container.getCommand()).startsWith("sh", "-c").contains("shop", "/data/data", "latest");
    assertThat(container.getEnvFrom().get(0).getSecretRef().getName()).isEqualTo("restic-repo");
    assertThat(job.getSpec().getBackoffLimit()).isZero();
    assertThat(job.getMetadata().getName()).isEqualTo(RunObjects.name(RUN, unit(target)));
    assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
        .isEqualTo(RunObjects.labels(RUN, unit(target), TOOL))
        .containsEntry(K8upAnnotations.UNIT_LABEL, unit(target).id());
    assertThat(container.getTerminationMessagePath()).isEqualTo(ResticRestoreCommand.TERMINATION_MESSAGE_PATH);
  }

  @Test
  void restoreIntoAnotherClaimMountsThatClaimAtTheBackedUpClaimsPath() {
    ClusterSnapshot cluster = ClusterSnapshot.of(List.of(boundClaim("data", AccessMode.READ_WRITE_MANY).build(),
        boundClaim("copy", AccessMode.READ_WRITE_MANY).build()),
        List.of(volume("data"), volume("copy")), List.of());
    RestoreTarget target = restore(cluster, request().to("copy").build());

    V1PodSpec pod = RestoreJobs.job(target, unit(target), RunContext.of(RUN, TOOL, cluster), List.of()).getSpec().getTemplate().getSpec();

    assertThat(pod.getVolumes().get(0).getPersistentVolumeClaim().getClaimName()).isEqualTo("copy");
    assertThat(pod.getContainers().get(0).getVolumeMounts().get(0).getMountPath()).isEqualTo("/data/data");
    assertThat(pod.getAffinity()).isNull();
  }

  @Test
  void rootRestoreGetsTheCapabilitiesToRestoreOwnersAndStaysBaseline() {
    ClusterSnapshot cluster = cluster(boundClaim("data", AccessMode.READ_WRITE_MANY).build());
    RestoreTarget target = restore(cluster, request().build());
    BackupToolSpec root = BackupToolSpec.restic("restic-repo").runAsRoot(true).build();

    V1Job job = RestoreJobs.job(target, unit(target), RunContext.of(RUN, root, cluster), List.of());

    V1Container container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getSecurityContext().getRunAsNonRoot()).isFalse();
    assertThat(container.getSecurityContext().getCapabilities().getAdd())
        .containsExactlyInAnyOrder("CHOWN", "FOWNER", "DAC_OVERRIDE");
    assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
  }

  @Test
  void heldReadWriteOncePodClaimIsRestoredThroughThePodsOwnVolume() {
    Pod holder = runningPod("app-0", "node-a", "data").runAsUser(1000L).build();
    ClusterSnapshot cluster = cluster(boundClaim("data", AccessMode.READ_WRITE_ONCE_POD).build(), holder);
    RestoreTarget target = restore(cluster, request().inUse(true).build());
    assertThat(target.method()).isEqualTo(RestoreMethod.EPHEMERAL_CONTAINER);

    V1EphemeralContainer container = RestoreJobs.ephemeralContainer(target, unit(target), RunContext.of(RUN, TOOL, cluster));

    assertThat(container.getName()).isEqualTo(RunObjects.name(RUN, unit(target)));
    assertThat(container.getTerminationMessagePath()).isEqualTo(ResticRestoreCommand.TERMINATION_MESSAGE_PATH);
    assertThat(container.getVolumeMounts()).singleElement().satisfies(mount -> {
      assertThat(mount.getName()).isEqualTo("vol-data");
      assertThat(mount.getMountPath()).isEqualTo("/data/data");
      assertThat(mount.getReadOnly()).isFalse();
    });
    assertThat(container.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThatThrownBy(() -> RestoreJobs.job(target, unit(target), RunContext.of(RUN, TOOL, cluster), List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void newTargetClaimIsMadeLikeTheBackedUpOneWithoutRunLabels() {
    Claim source = boundClaim("data", AccessMode.READ_WRITE_ONCE).storageClassName("fast").requestedBytes(1L << 30)
        .build();
    ClusterSnapshot cluster = cluster(source);
    RestoreTarget target = restore(cluster, request().to("copy").build());

    V1PersistentVolumeClaim claim = RestoreJobs.newClaim(target, TOOL).orElseThrow();

    assertThat(claim.getMetadata().getName()).isEqualTo("copy");
    assertThat(claim.getMetadata().getLabels()).isNull();
    assertThat(claim.getSpec().getStorageClassName()).isEqualTo("fast");
    assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
    assertThat(claim.getSpec().getResources().getRequests().get("storage").getNumber().longValue())
        .isEqualTo(1L << 30);
    ClusterSnapshot shared = cluster(boundClaim("data", AccessMode.READ_WRITE_MANY).build());
    assertThat(RestoreJobs.newClaim(restore(shared, request().build()), TOOL)).isEmpty();
  }

  /** The run's unit of the restore of {@code target}, as an engine gives it to a strategy. */
  private static BackupUnit unit(RestoreTarget target) {
    return BackupUnit.of("test", List.of(ClaimTarget.of(target.namespace(), target.targetClaim(), "",
        ImmutableSet.of(), target.placement(), target.mountingPods())));
  }

  private static io.k8up.core.restore.ImmutableRestoreRequest.Builder request() {
    return RestoreRequest.builder().namespace("shop").claim("data");
  }

  private static RestoreTarget restore(ClusterSnapshot cluster, RestoreRequest request) {
    RestoreDecision decision = RestorePlanner.builder().build().plan(cluster, List.of(), List.of(request))
        .decisions().get(0);
    return decision.target().orElseThrow(() -> new AssertionError(decision.message()));
  }

  private static PersistentVolume volume(String claim) {
    return PersistentVolume.builder().name("pv-" + claim).build();
  }

  private static ClusterSnapshot cluster(Claim claim, Pod... pods) {
    return ClusterSnapshot.of(List.of(claim), List.of(volume(claim.name())), List.of(pods));
  }
}
