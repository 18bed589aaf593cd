package io.k8up.strategy.csisnapshot.internal;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.k8up.core.model.Claim;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.RunContext;
import io.k8up.core.spi.RunObjects;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimSpec;
import io.kubernetes.client.openapi.models.V1TypedLocalObjectReference;
import io.kubernetes.client.openapi.models.V1VolumeResourceRequirements;
import java.math.BigDecimal;

/** The claim restored from a unit's VolumeSnapshot, which the backup Job mounts. */
final class TemporaryClaim {

  /**
   * The request of a claim whose own request the snapshot does not hold. The API server requires
   * one on every claim, so only a hand-written file lacks it; the backup step raises the request to
   * the snapshot's {@code restoreSize} where that is larger.
   */
  static final Quantity FALLBACK_REQUEST = Quantity.fromString("1Gi");

  private TemporaryClaim() {}

  /**
   * The claim named {@code name}, restored from the VolumeSnapshot of the same name: in {@code
   * claim}'s StorageClass (the cluster's default one if it names none), requesting what {@code
   * claim} requests, ReadWriteOnce. ReadWriteOnce, not ReadOnlyMany, even though it is mounted
   * read-only: a ReadOnlyMany volume is staged read-only, and a crash-consistent file system whose
   * journal must be replayed then fails to mount.
   */
  static V1PersistentVolumeClaim of(String name, Claim claim, BackupUnit unit, RunContext context) {
    Quantity request = claim.requestedBytes()
        .map(bytes -> new Quantity(BigDecimal.valueOf(bytes), Quantity.Format.BINARY_SI))
        .orElse(FALLBACK_REQUEST);
    return new V1PersistentVolumeClaim()
        .apiVersion("v1")
        .kind("PersistentVolumeClaim")
        .metadata(new V1ObjectMeta()
            .name(name)
            .namespace(unit.namespace())
            .labels(RunObjects.labels(context.runId(), unit, context.tool()))
            .annotations(RunObjects.annotations(unit, context.tool())))
        .spec(new V1PersistentVolumeClaimSpec()
            .accessModes(ImmutableList.of("ReadWriteOnce"))
            .storageClassName(claim.storageClassName().orElse(null))
            .dataSource(new V1TypedLocalObjectReference()
                .apiGroup(VolumeSnapshotManifest.API_GROUP)
                .kind(VolumeSnapshotManifest.KIND)
                .name(name))
            .resources(new V1VolumeResourceRequirements().requests(ImmutableMap.of("storage", request))));
  }
}
