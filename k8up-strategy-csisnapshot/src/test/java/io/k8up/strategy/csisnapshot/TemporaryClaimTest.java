package io.k8up.strategy.csisnapshot;

import static io.k8up.strategy.csisnapshot.SnapshotFixtures.DRIVER;
import static io.k8up.strategy.csisnapshot.SnapshotFixtures.RUN;
import static io.k8up.strategy.csisnapshot.SnapshotFixtures.TEN_GIB;
import static io.k8up.strategy.csisnapshot.SnapshotFixtures.cluster;
import static io.k8up.strategy.csisnapshot.SnapshotFixtures.context;
import static io.k8up.strategy.csisnapshot.SnapshotFixtures.defaultClass;
import static io.k8up.strategy.csisnapshot.SnapshotFixtures.materialize;
import static io.k8up.strategy.csisnapshot.SnapshotFixtures.target;
import static io.k8up.strategy.csisnapshot.SnapshotFixtures.unit;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.k8up.core.model.AccessMode;
import io.k8up.core.model.Claim;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.RunObjects;
import io.k8up.core.testing.Fixtures;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimSpec;
import io.kubernetes.client.openapi.models.V1TypedLocalObjectReference;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The VolumeSnapshot and the temporary claim restored from it: names, labels, class and size. */
class TemporaryClaimTest {

  @Test
  void snapshotNamesTheClaimAndTheClassAndCarriesTheRunsLabels() {
    BackupUnit unit = unit(target("data"));

    DynamicKubernetesObject snapshot = materialize("data").volumeSnapshot();

    assertThat(snapshot.getApiVersion()).isEqualTo("snapshot.storage.k8s.io/v1");
    assertThat(snapshot.getKind()).isEqualTo("VolumeSnapshot");
    assertThat(snapshot.getMetadata().getName()).isEqualTo(RunObjects.name(RUN, unit));
    assertThat(snapshot.getMetadata().getNamespace()).isEqualTo(Fixtures.NAMESPACE);
    assertThat(snapshot.getMetadata().getLabels())
        .isEqualTo(RunObjects.labels(RUN, unit, BackupToolSpec.restic("repo").build()))
        .containsEntry(K8upAnnotations.RUN_ID_LABEL, RUN.value())
        .containsEntry(K8upAnnotations.MANAGED_BY_LABEL, K8upAnnotations.MANAGED_BY_VALUE);
    assertThat(snapshot.getMetadata().getAnnotations()).containsEntry(K8upAnnotations.CLAIMS_ANNOTATION, "data");
    JsonObject spec = snapshot.getRaw().getAsJsonObject("spec");
    assertThat(spec.get("volumeSnapshotClassName").getAsString()).isEqualTo("csi-aws");
    assertThat(spec.getAsJsonObject("source").get("persistentVolumeClaimName").getAsString()).isEqualTo("data");
  }

  @Test
  void temporaryClaimIsRestoredFromTheSnapshotWithTheSameNameAndLabels() {
    SnapshotObjects materialization = materialize("data");
    V1PersistentVolumeClaim temporary = materialization.temporaryClaim();

    assertThat(temporary.getApiVersion()).isEqualTo("v1");
    assertThat(temporary.getKind()).isEqualTo("PersistentVolumeClaim");
    assertThat(temporary.getMetadata().getName()).isEqualTo(materialization.volumeSnapshot().getMetadata().getName());
    assertThat(temporary.getMetadata().getNamespace()).isEqualTo(Fixtures.NAMESPACE);
    assertThat(temporary.getMetadata().getLabels())
        .isEqualTo(materialization.volumeSnapshot().getMetadata().getLabels());
    assertThat(temporary.getMetadata().getAnnotations())
        .isEqualTo(materialization.volumeSnapshot().getMetadata().getAnnotations());
    assertThat(temporary.getSpec().getDataSource()).isEqualTo(new V1TypedLocalObjectReference()
        .apiGroup("snapshot.storage.k8s.io")
        .kind("VolumeSnapshot")
        .name(materialization.volumeSnapshot().getMetadata().getName()));
    assertThat(temporary.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
  }

  @Test
  void temporaryClaimCopiesTheClaimsRequestAndStorageClass() {
    V1PersistentVolumeClaimSpec spec = temporarySpec(SnapshotFixtures.claim("data"));

    assertThat(spec.getStorageClassName()).isEqualTo("gp3");
    assertThat(spec.getResources().getRequests()).containsOnlyKeys("storage");
    assertThat(spec.getResources().getRequests().get("storage").getNumber().longValueExact()).isEqualTo(TEN_GIB);
    assertThat(spec.getResources().getRequests().get("storage").toSuffixedString()).isEqualTo("10Gi");
  }

  @Test
  void requestThatIsNoPowerOfTwoIsCopiedExactly() {
    V1PersistentVolumeClaimSpec spec = temporarySpec(
        Fixtures.boundClaim("data", AccessMode.READ_WRITE_ONCE).requestedBytes(1_500_000_001L).build());

    assertThat(spec.getResources().getRequests().get("storage").getNumber().longValueExact()).isEqualTo(1_500_000_001L);
  }

  @Test
  void claimWithoutStorageClassGivesTemporaryClaimWithoutOne() {
    V1PersistentVolumeClaimSpec spec = temporarySpec(
        Fixtures.boundClaim("data", AccessMode.READ_WRITE_ONCE).requestedBytes(TEN_GIB).build());

    assertThat(spec.getStorageClassName()).isNull();
  }

  @Test
  void claimWithoutRequestGivesOneGibibyteForTheExecutorToRaise() {
    V1PersistentVolumeClaimSpec spec = temporarySpec(
        Fixtures.boundClaim("data", AccessMode.READ_WRITE_ONCE).storageClassName("gp3").build());

    assertThat(spec.getResources().getRequests()).containsEntry("storage", Quantity.fromString("1Gi"));
  }

  @Test
  void manifestsAreInCreationOrder() {
    SnapshotObjects materialization = materialize("data");

    assertThat(materialization.manifests()).containsExactly(
        materialization.volumeSnapshot(), materialization.temporaryClaim(), materialization.job());
  }

  private static V1PersistentVolumeClaimSpec temporarySpec(Claim claim) {
    return materialize(unit(target(claim.name())), context(cluster(List.of(claim), List.of(defaultClass("c", DRIVER)))))
        .temporaryClaim().getSpec();
  }
}
