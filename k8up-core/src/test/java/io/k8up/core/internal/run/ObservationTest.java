package io.k8up.core.internal.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.k8up.core.model.NodeSelectorRequirement;
import io.k8up.core.model.NodeSelectorTerm;
import io.k8up.core.model.Placement;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.testing.Fixtures;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerState;
import io.kubernetes.client.openapi.models.V1ContainerStateTerminated;
import io.kubernetes.client.openapi.models.V1ContainerStatus;
import io.kubernetes.client.openapi.models.V1EmptyDirVolumeSource;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1JobCondition;
import io.kubernetes.client.openapi.models.V1JobStatus;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodCondition;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodStatus;
import io.kubernetes.client.openapi.models.V1Volume;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the executor reads what it sees: Jobs, pods, placements, and what it sends. */
class ObservationTest {

  @Test
  void aJobEndsWithItsCompleteOrFailedCondition() {
    V1Job job = new V1Job().status(new V1JobStatus());
    assertThat(JobState.of(job).finished()).isFalse();

    job.getStatus().conditions(List.of(new V1JobCondition().type("Complete").status("True")));
    assertThat(JobState.of(job).succeeded()).isTrue();

    job.getStatus().conditions(List.of(new V1JobCondition().type("Failed").status("False"),
        new V1JobCondition().type("Failed").status("True").reason("DeadlineExceeded").message("too slow")));
    assertThat(JobState.of(job)).isEqualTo(new JobState(true, false, "DeadlineExceeded: too slow"));
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

  @Test
  void aPlacementPinsANodeWhenItNamesExactlyOne() {
    ClusterSnapshot noNodes = ClusterSnapshot.of(List.of(), List.of(), List.of());
    assertThat(NodeKeys.of(Placement.onPodNode("n1", false), noNodes)).contains("n1");
    assertThat(NodeKeys.of(Placement.onHostname("h1"), noNodes)).contains("h1");
    assertThat(NodeKeys.of(Placement.byNodeAffinity(List.of(Fixtures.hostnameTerm("h2"))), noNodes)).contains("h2");
    assertThat(NodeKeys.of(Placement.byNodeAffinity(List.of(NodeSelectorTerm.builder()
        .addMatchExpressions(NodeSelectorRequirement.of("topology.kubernetes.io/zone", "In", List.of("z1"))).build())),
        noNodes)).isEmpty();
    assertThat(NodeKeys.of(Placement.anywhere(), noNodes)).isEmpty();
  }

  @Test
  void aHostnameIsTheNameOfTheNodeThatCarriesItWhenTheNodesWereRead() {
    ClusterSnapshot withNodes = ClusterSnapshot.of(List.of(), List.of(), List.of())
        .withNodes(List.of(Fixtures.node("ip-10-0-0-1").hostname("h1").build()));
    assertThat(NodeKeys.of(Placement.onHostname("h1"), withNodes)).contains("ip-10-0-0-1");
    assertThat(NodeKeys.of(Placement.byNodeAffinity(List.of(Fixtures.hostnameTerm("h1"))), withNodes))
        .contains("ip-10-0-0-1");
    assertThat(NodeKeys.of(Placement.onHostname("h9"), withNodes)).as("a hostname no Node carries stays").contains("h9");
  }

  @Test
  void resourcePathsFollowKubernetesPluralRules() {
    assertThat(ResourceKind.of(new V1Job().apiVersion("batch/v1").kind("Job")).collectionPath("shop"))
        .isEqualTo("/apis/batch/v1/namespaces/shop/jobs");
    assertThat(ResourceKind.of(new V1Pod().apiVersion("v1").kind("PersistentVolumeClaim")).collectionPath("shop"))
        .isEqualTo("/api/v1/namespaces/shop/persistentvolumeclaims");
    assertThat(ResourceKind.of(new V1Pod().apiVersion("networking.k8s.io/v1").kind("NetworkPolicy")).plural())
        .isEqualTo("networkpolicies");
    assertThat(ResourceKind.of(new V1Pod().apiVersion("v1").kind("Ingress")).plural()).isEqualTo("ingresses");
  }

  @Test
  void theWireFormDropsEmptyListsAndOverheadsButKeepsEmptyVolumeSources() {
    V1Pod pod = new V1Pod().apiVersion("v1").kind("Pod").metadata(new V1ObjectMeta().name("p"))
        .spec(new V1PodSpec()
            .containers(List.of(new V1Container().name("c")))
            .volumes(List.of(new V1Volume().name("scratch").emptyDir(new V1EmptyDirVolumeSource()))));

    JsonObject wire = WireForm.of(pod);

    JsonObject spec = wire.getAsJsonObject("spec");
    assertThat(spec.has("overhead")).isFalse();
    assertThat(spec.has("tolerations")).isFalse();
    assertThat(spec.getAsJsonArray("containers").get(0).getAsJsonObject().has("args")).isFalse();
    assertThat(spec.getAsJsonArray("volumes").get(0).getAsJsonObject().getAsJsonObject("emptyDir")).isNotNull();
    assertThat(pod.getSpec().getOverhead()).as("the object itself is left alone").isNotNull();
  }
}
