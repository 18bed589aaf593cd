package io.k8up.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k8up.core.model.Claim;
import io.k8up.core.model.PersistentVolume;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PersistentVolume;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimSpec;
import io.kubernetes.client.openapi.models.V1Pod;
import java.util.List;
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
}
