package io.k8up.core.spi.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8up.core.kube.WireForm;
import io.kubernetes.client.openapi.models.V1ContainerState;
import io.kubernetes.client.openapi.models.V1ContainerStateTerminated;
import io.kubernetes.client.openapi.models.V1ContainerStatus;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1JobCondition;
import io.kubernetes.client.openapi.models.V1JobStatus;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodCondition;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodStatus;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a Job step reads a Job and its pods. */
class JobSignalsTest {

  @Test
  void aJobEndsWithItsCompleteOrFailedCondition() {
    V1Job job = new V1Job().status(new V1JobStatus());
    assertThat(JobState.of(WireForm.of(job)).finished()).isFalse();

    job.getStatus().conditions(List.of(new V1JobCondition().type("Complete").status("True")));
    assertThat(JobState.of(WireForm.of(job)).succeeded()).isTrue();

    job.getStatus().conditions(List.of(new V1JobCondition().type("Failed").status("False"),
        new V1JobCondition().type("Failed").status("True").reason("DeadlineExceeded").message("too slow")));
    assertThat(JobState.of(WireForm.of(job))).isEqualTo(new JobState(true, false, "DeadlineExceeded: too slow"));
  }

  @Test
  void podsTellTheNodeAndHowTheContainerEndedButNotWhenTheyAreBeingDeleted() {
    V1Pod ended = new V1Pod().metadata(new V1ObjectMeta().name("p"))
        .spec(new V1PodSpec().nodeName("node-4"))
        .status(new V1PodStatus().phase("Failed").containerStatuses(List.of(new V1ContainerStatus().name("backup")
            .state(new V1ContainerState().terminated(new V1ContainerStateTerminated().exitCode(3).reason("Error")
                .message("Fatal: unable to open config file:\n  stat: no such file"))))));
    V1Pod deleting = new V1Pod().metadata(new V1ObjectMeta().name("q").deletionTimestamp(OffsetDateTime.now()))
        .spec(new V1PodSpec().nodeName("node-9"));

    PodSignals signals = PodSignals.of(List.of(deleting, ended));

    assertThat(signals.node()).contains("node-4");
    assertThat(signals.exitSummary()).contains("exit code 3 (Error): Fatal: unable to open config file: stat: no such file");
    assertThat(signals.pendingPod()).isEmpty();
    assertThat(signals.unschedulable()).isEmpty();
  }

  @Test
  void aPodWaitingForItsClaimToBindIsNotUnschedulable() {
    V1Pod waiting = pending("0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims.");
    V1Pod stuck = pending("0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector.");

    assertThat(PodSignals.of(List.of(waiting)).unschedulable()).isEmpty();
    assertThat(PodSignals.of(List.of(stuck)).unschedulable()).contains(
        "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector.");
  }

  private static V1Pod pending(String schedulerMessage) {
    return new V1Pod().metadata(new V1ObjectMeta().name("p")).spec(new V1PodSpec())
        .status(new V1PodStatus().phase("Pending").conditions(List.of(new V1PodCondition()
            .type("PodScheduled").status("False").reason("Unschedulable").message(schedulerMessage))));
  }
}
