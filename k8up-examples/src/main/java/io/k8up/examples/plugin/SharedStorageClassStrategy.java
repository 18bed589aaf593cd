package io.k8up.examples.plugin;

import static com.google.common.base.Preconditions.checkArgument;

import io.k8up.core.model.Claim;
import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.Placement;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.RunContext;
import io.k8up.core.spi.RunObjects;
import io.k8up.core.spi.ToolEnvironment;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.Materialization;
import io.k8up.core.spi.Support;
import io.k8up.core.spi.VolumeAccessStrategy;
import io.kubernetes.client.openapi.models.V1Capabilities;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1JobSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimVolumeSource;
import io.kubernetes.client.openapi.models.V1PodSecurityContext;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.openapi.models.V1SeccompProfile;
import io.kubernetes.client.openapi.models.V1SecurityContext;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import java.util.List;
import java.util.Optional;

/**
 * An example volume-access strategy, written only against the public SPI: it backs up the shared
 * (ReadWriteMany or ReadOnlyMany) claims of one StorageClass — an NFS provisioner's, say — with a
 * plain Job on any node, and refuses every other claim, which the next strategy in the order then
 * gets. Stateless, thread-safe and pure, as the SPI requires.
 */
public final class SharedStorageClassStrategy implements VolumeAccessStrategy {

  /** The strategy's id, for strategy orders and {@code k8up.io/volume-access}. */
  public static final String ID = "example-shared-class";

  private final String storageClass;

  /** A strategy for the shared claims of {@code storageClass}. */
  public SharedStorageClassStrategy(String storageClass) {
    this.storageClass = storageClass;
  }

  @Override
  public String id() {
    return ID;
  }

  /** Supported: a claim any node can mount whose StorageClass is this strategy's. */
  @Override
  public Support supports(ClaimTarget target, ClusterSnapshot snapshot) {
    if (target.placement().type() != Placement.Type.ANY) {
      return Support.unsupported("it backs up shared volumes only, which any node can mount");
    }
    Optional<String> actual = snapshot.claim(target.namespace(), target.name()).flatMap(Claim::storageClassName);
    return actual.equals(Optional.of(storageClass)) ? Support.supported()
        : Support.unsupported("it backs up claims of StorageClass " + storageClass + " only; this claim's is "
            + actual.orElse("not set"));
  }

  /** One Job that mounts the unit's claims read-only at {@code /data/<claim>} and runs the tool. */
  @Override
  public Materialization materialize(BackupUnit unit, RunContext context) {
    checkArgument(unit.placement().type() == Placement.Type.ANY, "%s backs up shared volumes only", ID);
    BackupToolSpec tool = context.tool();
    List<String> claims = unit.claimNames();
    String name = RunObjects.name(context.runId(), unit);
    V1Container backup = new V1Container()
        .name("backup")
        .image(tool.image())
        .command(tool.renderCommand(unit.namespace(), context.runId(), claims))
        .args(tool.renderArgs(unit.namespace(), context.runId(), claims))
        .env(ToolEnvironment.env(tool))
        .envFrom(ToolEnvironment.envFrom(tool))
        .securityContext(new V1SecurityContext()
            .allowPrivilegeEscalation(false)
            .capabilities(new V1Capabilities().drop(List.of("ALL"))));
    V1PodSpec pod = new V1PodSpec()
        .restartPolicy("Never")
        .securityContext(new V1PodSecurityContext()
            .runAsNonRoot(true)
            .runAsUser(tool.runAsUser())
            .runAsGroup(tool.runAsGroup())
            .seccompProfile(new V1SeccompProfile().type("RuntimeDefault")))
        .containers(List.of(backup));
    for (int i = 0; i < claims.size(); i++) {
      String volume = "claim-" + i; // claim names may be longer than a volume name may be
      pod.addVolumesItem(new V1Volume().name(volume).persistentVolumeClaim(
          new V1PersistentVolumeClaimVolumeSource().claimName(claims.get(i)).readOnly(true)));
      backup.addVolumeMountsItem(new V1VolumeMount()
          .name(volume).mountPath(BackupToolSpec.mountPath(claims.get(i))).readOnly(true));
    }
    V1Job job = new V1Job()
        .apiVersion("batch/v1")
        .kind("Job")
        .metadata(new V1ObjectMeta()
            .namespace(unit.namespace())
            .name(name)
            .labels(RunObjects.labels(context.runId(), unit, tool))
            .annotations(RunObjects.annotations(unit, tool)))
        .spec(new V1JobSpec()
            .backoffLimit(0)
            .template(new V1PodTemplateSpec()
                .metadata(new V1ObjectMeta().labels(RunObjects.labels(context.runId(), unit, tool)))
                .spec(pod)));
    return Materialization.of(List.of(job), name);
  }
}
