package io.k8up.examples.plugin;

import static com.google.common.base.Preconditions.checkArgument;

import io.k8up.core.model.Claim;
import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.Placement;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.Workflow;
import io.k8up.core.spi.RunContext;
import io.k8up.core.spi.Support;
import io.k8up.core.spi.VolumeAccessStrategy;
import io.k8up.core.spi.support.BackupIdentity;
import io.k8up.core.spi.support.BackupJobs;
import io.k8up.core.spi.support.JobSteps;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1PodSpec;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * An example volume-access strategy, written only against the public SPI and its shared {@link
 * io.k8up.core.spi.support} building blocks: it backs up the shared (ReadWriteMany or ReadOnlyMany)
 * claims of one StorageClass — an NFS provisioner's, say — with a plain Job on any node, and
 * refuses every other claim, which the next strategy in the order then gets. Stateless,
 * thread-safe and pure, as the SPI requires.
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

  /**
   * One step, one Job that mounts the unit's claims read-only at {@code /data/<claim>} and runs the
   * tool as its own user: the shared {@link BackupJobs} Job, placed nowhere, since any node can
   * mount a shared volume, followed to its end as {@link JobSteps} follows every Job.
   */
  @Override
  public Workflow workflow(BackupUnit unit, RunContext context) {
    checkArgument(unit.placement().type() == Placement.Type.ANY, "%s backs up shared volumes only", ID);
    V1PodSpec pod = BackupJobs.podSpec(unit, context, BackupIdentity.ofTool(context.tool()), UnaryOperator.identity());
    V1Job job = BackupJobs.job(unit, context, pod);
    return Workflow.of(JobSteps.backup(job, context.runId()));
  }
}
