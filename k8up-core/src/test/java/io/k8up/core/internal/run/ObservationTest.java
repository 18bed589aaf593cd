package io.k8up.core.internal.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.k8up.core.model.NodeSelectorRequirement;
import io.k8up.core.model.NodeSelectorTerm;
import io.k8up.core.model.Placement;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.kube.WireForm;
import io.k8up.core.spi.ResourceType;
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

/** How the executor reads placements, and what it sends. */
class ObservationTest {

  @Test
  void aPlacementPinsANodeWhenItNamesExactlyOne() {
    ClusterSnapshot noNodes = ClusterSnapshot.of(List.of(), List.of(), List.of());
    assertThat(NodeKeys.slot(Placement.onPodNode("n1", false), noNodes)).contains(NodeSlot.pinned("n1"));
    assertThat(NodeKeys.slot(Placement.onHostname("h1"), noNodes)).contains(NodeSlot.byHostname("h1"));
    assertThat(NodeKeys.slot(Placement.byNodeAffinity(List.of(Fixtures.hostnameTerm("h2"))), noNodes))
        .contains(NodeSlot.byHostname("h2"));
    assertThat(NodeKeys.slot(Placement.byNodeAffinity(List.of(NodeSelectorTerm.builder()
        .addMatchExpressions(NodeSelectorRequirement.of("topology.kubernetes.io/zone", "In", List.of("z1"))).build())),
        noNodes)).isEmpty();
    assertThat(NodeKeys.slot(Placement.anywhere(), noNodes)).isEmpty();
  }

  @Test
  void aHostnameIsTheNameOfTheNodeThatCarriesItWhenTheNodesWereRead() {
    ClusterSnapshot withNodes = ClusterSnapshot.of(List.of(), List.of(), List.of())
        .withNodes(List.of(Fixtures.node("ip-10-0-0-1").hostname("h1").build()));
    assertThat(NodeKeys.slot(Placement.onHostname("h1"), withNodes)).contains(NodeSlot.pinned("ip-10-0-0-1"));
    assertThat(NodeKeys.slot(Placement.byNodeAffinity(List.of(Fixtures.hostnameTerm("h1"))), withNodes))
        .contains(NodeSlot.pinned("ip-10-0-0-1"));
    assertThat(NodeKeys.slot(Placement.onHostname("h9"), withNodes)).as("a hostname no Node carries stays")
        .contains(NodeSlot.byHostname("h9"));
  }

  @Test
  void resourceTypesNameTheirDeclaredPluralsAsRbacDoes() {
    assertThat(ResourceType.JOB.toString()).isEqualTo("jobs.batch");
    assertThat(ResourceType.JOB.apiVersion()).isEqualTo("batch/v1");
    assertThat(ResourceType.PERSISTENT_VOLUME_CLAIM.toString()).isEqualTo("persistentvolumeclaims");
    assertThat(ResourceType.VOLUME_SNAPSHOT.toString()).isEqualTo("volumesnapshots.snapshot.storage.k8s.io");
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
