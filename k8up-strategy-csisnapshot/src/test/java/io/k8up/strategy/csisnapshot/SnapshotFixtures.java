package io.k8up.strategy.csisnapshot;

import io.k8up.core.model.AccessMode;
import io.k8up.core.model.Claim;
import io.k8up.core.model.ImmutableClaim;
import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.model.PersistentVolume;
import io.k8up.core.model.Placement;
import io.k8up.core.model.SnapshotClass;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.RunContext;
import io.k8up.core.spi.RunId;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.VolumeAccessStrategy;
import io.k8up.core.testing.Fixtures;
import io.kubernetes.client.openapi.models.V1PodSpec;
import java.util.List;

/** Claims, volumes, VolumeSnapshotClasses and what the strategy makes of them, for this module's tests. */
final class SnapshotFixtures {

  static final RunId RUN = RunId.of("nightly-1");
  static final VolumeAccessStrategy STRATEGY = new CsiSnapshotStrategyProvider().create();
  static final String DRIVER = "ebs.csi.aws.com";
  static final long TEN_GIB = 10L * 1024 * 1024 * 1024;

  private SnapshotFixtures() {}

  /**
   * A ReadWriteOnce claim of {@link Fixtures#NAMESPACE}, bound to {@code pv-<name>}, requesting
   * 10Gi of StorageClass gp3.
   */
  static Claim claim(String name) {
    return claimBuilder(name).build();
  }

  static ImmutableClaim.Builder claimBuilder(String name) {
    return Fixtures.boundClaim(name, AccessMode.READ_WRITE_ONCE)
        .requestedBytes(TEN_GIB)
        .storageClassName("gp3");
  }

  /** The volume {@code pv-<claim>} of {@link #DRIVER}. */
  static PersistentVolume csiVolume(String claim) {
    return Fixtures.volumeFor(claim).csiDriver(DRIVER).build();
  }

  static SnapshotClass defaultClass(String name, String driver) {
    return SnapshotClass.builder().name(name).driver(driver)
        .putAnnotations(SnapshotClass.DEFAULT_CLASS_ANNOTATION, "true").build();
  }

  static SnapshotClass markedClass(String name, String driver) {
    return SnapshotClass.builder().name(name).driver(driver)
        .putAnnotations(K8upAnnotations.SNAPSHOT_CLASS, "true").build();
  }

  static SnapshotClass plainClass(String name, String driver) {
    return SnapshotClass.builder().name(name).driver(driver).build();
  }

  /** A cluster of these claims, their CSI volumes and these classes. */
  static ClusterSnapshot cluster(List<Claim> claims, List<SnapshotClass> classes) {
    return ClusterSnapshot.of(claims, claims.stream().map(claim -> csiVolume(claim.name())).toList(), List.of())
        .withSnapshotClasses(classes);
  }

  /** A cluster of this claim, its CSI volume and the driver's default class {@code csi-aws}. */
  static ClusterSnapshot cluster(Claim claim) {
    return cluster(List.of(claim), List.of(defaultClass("csi-aws", DRIVER)));
  }

  static ClaimTarget target(String claim, Placement placement, String... pods) {
    return ClaimTarget.builder()
        .namespace(Fixtures.NAMESPACE)
        .name(claim)
        .volumeName("pv-" + claim)
        .addAccessModes(AccessMode.READ_WRITE_ONCE)
        .placement(placement)
        .addMountingPods(pods)
        .build();
  }

  static ClaimTarget target(String claim) {
    return target(claim, Placement.anywhere());
  }

  static BackupUnit unit(ClaimTarget... targets) {
    return BackupUnit.of(CsiSnapshotStrategyProvider.ID, List.of(targets));
  }

  /** A run of the restic tool, whose repository settings are in the Secret {@code repo}. */
  static RunContext context(ClusterSnapshot cluster) {
    return RunContext.of(RUN, BackupToolSpec.restic("repo").build(), cluster);
  }

  /** The materialization of claim {@code name}, alone in a cluster with the driver's default class. */
  static SnapshotObjects materialize(String name) {
    return materialize(unit(target(name)), context(cluster(claim(name))));
  }

  static SnapshotObjects materialize(BackupUnit unit, RunContext context) {
    return SnapshotObjects.of(STRATEGY.workflow(unit, context));
  }

  static V1PodSpec podSpec(SnapshotObjects materialization) {
    return materialization.job().getSpec().getTemplate().getSpec();
  }
}
