package io.k8up.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.k8up.core.model.Claim;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.model.PersistentVolume;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PersistentVolume;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimSpec;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1Taint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterSnapshotsTest {

  private static V1PersistentVolumeClaim claim(String namespace, String name) {
    return new V1PersistentVolumeClaim().metadata(new V1ObjectMeta().namespace(namespace).name(name))
        .spec(new V1PersistentVolumeClaimSpec().volumeName("pv-" + name));
  }

  @Test
  void convertsClientObjectsAsTheLiveReaderDoesSortedByNamespaceAndName() {
    ClusterSnapshot snapshot = ClusterSnapshots.of(
        List.of(claim("shop", "data"), claim("blog", "data")),
        List.of(new V1PersistentVolume().metadata(new V1ObjectMeta().name("pv-data"))),
        List.of(new V1Pod().metadata(new V1ObjectMeta().namespace("shop").name("db-0"))));

    assertThat(snapshot.claims()).extracting(Claim::namespace).containsExactly("blog", "shop");
    assertThat(snapshot.claims().get(0).volumeName()).contains("pv-data");
    assertThat(snapshot.volumes()).extracting(PersistentVolume::name).containsExactly("pv-data");
    assertThat(snapshot.pods()).hasSize(1);
  }

  @Test
  void anObjectWithoutNameOrNamespaceIsRejectedWithItsKindAndPosition() {
    assertThatThrownBy(() -> ClusterSnapshots.of(List.of(claim("shop", "data"), claim(null, "logs")), List.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("persistentvolumeclaims[1]: metadata.namespace is missing");
    assertThatThrownBy(() -> ClusterSnapshots.of(List.of(), List.of(new V1PersistentVolume()), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("persistentvolumes[0]: metadata.name is missing");
  }

  @Test
  void nodesAndSnapshotClassesAreReadAsTheLiveReaderReadsThem() {
    V1Node node = new V1Node().metadata(new V1ObjectMeta().name("ip-10-0-0-1.ec2.internal")
            .labels(Map.of(K8upAnnotations.HOSTNAME_LABEL, "ip-10-0-0-1")))
        .spec(new V1NodeSpec().addTaintsItem(new V1Taint().key("dedicated").value("db").effect("NoSchedule"))
            .addTaintsItem(new V1Taint().key("no-effect")));
    JsonObject csi = JsonParser.parseString("{\"apiVersion\":\"snapshot.storage.k8s.io/v1\",\"kind\":"
        + "\"VolumeSnapshotClass\",\"metadata\":{\"name\":\"csi\",\"annotations\":{\"a\":null}},"
        + "\"driver\":\"ebs.csi.aws.com\",\"deletionPolicy\":\"Delete\"}").getAsJsonObject();
    JsonObject numericDriver = JsonParser.parseString("{\"metadata\":{\"name\":\"x\"},\"driver\":{\"a\":1}}")
        .getAsJsonObject();

    assertThat(ClusterSnapshots.nodes(List.of(node))).singleElement().satisfies(read -> {
      assertThat(read.name()).isEqualTo("ip-10-0-0-1.ec2.internal");
      assertThat(read.hostname()).contains("ip-10-0-0-1");
      assertThat(read.taints()).as("a taint without effect repels nothing").hasSize(1);
    });
    assertThat(ClusterSnapshots.snapshotClasses(List.of(csi))).singleElement().satisfies(read -> {
      assertThat(read.driver()).isEqualTo("ebs.csi.aws.com");
      assertThat(read.annotations()).containsEntry("a", "");
    });
    assertThatThrownBy(() -> ClusterSnapshots.snapshotClasses(List.of(csi, numericDriver)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("volumesnapshotclasses[1]: ");
    assertThatThrownBy(() -> ClusterSnapshots.nodes(List.of(new V1Node())))
        .hasMessage("nodes[0]: metadata.name is missing");
  }
}
