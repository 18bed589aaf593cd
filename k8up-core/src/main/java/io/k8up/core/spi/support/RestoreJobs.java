package io.k8up.core.spi.support;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.k8up.core.model.AccessMode;
import io.k8up.core.model.Pod;
import io.k8up.core.model.PodVolume;
import io.k8up.core.restore.NewClaim;
import io.k8up.core.restore.RestoreMethod;
import io.k8up.core.restore.RestoreTarget;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.RunContext;
import io.k8up.core.spi.RunObjects;
import io.k8up.core.spi.ToolEnvironment;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1EmptyDirVolumeSource;
import io.kubernetes.client.openapi.models.V1EphemeralContainer;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1JobSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimSpec;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimVolumeSource;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.openapi.models.V1ResourceRequirements;
import io.kubernetes.client.openapi.models.V1SecurityContext;
import io.kubernetes.client.openapi.models.V1Toleration;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import io.kubernetes.client.openapi.models.V1VolumeResourceRequirements;
import java.util.List;
import java.util.Optional;

/**
 * The objects that restore one claim ({@link RestoreTarget}): a Job whose pod mounts the target
 * claim read-write at {@code /data/<backed-up claim>} and runs {@link ResticRestoreCommand} there,
 * or, for a ReadWriteOncePod claim held by a pod, the same container as an ephemeral container of
 * that pod; and the target claim itself when the restore creates it.
 *
 * <p>The restore runs as the backup would ({@link BackupIdentity}): as the user and groups of the
 * pods that mount the claim, so restored files belong to the application, under the Pod Security
 * "restricted" profile; restic then restores modes and times but not owners. With {@link
 * BackupToolSpec#runAsRoot()} it runs as root with the capabilities to restore owners, modes and
 * times exactly (CHOWN, FOWNER, DAC_OVERRIDE: the "baseline" profile). Everything here is pure:
 * equal inputs give equal objects, and each call returns new, mutable ones.
 */
public final class RestoreJobs {

  /** The name of the restore container in a restore pod. */
  public static final String CONTAINER = "restore";

  /** What root needs to restore every file's owner, mode and times, whoever owns it now. */
  private static final ImmutableList<String> ROOT_RESTORE_CAPABILITIES =
      ImmutableList.of("CHOWN", "FOWNER", "DAC_OVERRIDE");

  private RestoreJobs() {}

  /**
   * The Job that restores {@code target} as {@code unit} of the run, placed as its placement says,
   * running as the identity the pods of the context's snapshot that mount the target give. Its
   * name is {@link RunObjects#name}; the Job and its pod template carry {@link RunObjects#labels},
   * so that the run finds, adopts and deletes them. {@code extraTolerations} are added to the pod's
   * (the taints of a node the placement pins, say).
   *
   * @throws IllegalArgumentException if the target restores through an ephemeral container, or a
   *     resource amount of the tool is not a Kubernetes quantity
   */
  public static V1Job job(RestoreTarget target, BackupUnit unit, RunContext context,
      List<V1Toleration> extraTolerations) {
    checkNotNull(target, "target");
    checkNotNull(unit, "unit");
    checkArgument(target.method() == RestoreMethod.JOB, "%s restores through an ephemeral container", target);
    BackupToolSpec tool = context.tool();
    List<Pod> pods = mountingPods(target, context.snapshot());
    BackupIdentity identity = BackupIdentity.of(tool, pods);
    String mountPath = BackupToolSpec.mountPath(target.sourceClaim());
    V1Container container = common(target, tool)
        .name(CONTAINER)
        .volumeMounts(ImmutableList.of(
            new V1VolumeMount().name(PodVolumes.claimVolume(0)).mountPath(mountPath).readOnly(false),
            new V1VolumeMount().name(PodVolumes.SCRATCH).mountPath(tool.scratchDirectory())))
        .securityContext(withRootCapabilities(SecurityContexts.container(identity), identity));
    if (!tool.resourceRequests().isEmpty() || !tool.resourceLimits().isEmpty()) {
      container.resources(new V1ResourceRequirements()
          .requests(ToolContainer.quantities("request", tool.resourceRequests()))
          .limits(ToolContainer.quantities("limit", tool.resourceLimits())));
    }
    V1PodSpec spec = new V1PodSpec()
        .restartPolicy("Never")
        .automountServiceAccountToken(false)
        .enableServiceLinks(false)
        .serviceAccountName(tool.serviceAccountName().orElse(null))
        .securityContext(SecurityContexts.pod(identity))
        .containers(ImmutableList.of(container))
        .volumes(ImmutableList.of(
            new V1Volume().name(PodVolumes.claimVolume(0)).persistentVolumeClaim(
                new V1PersistentVolumeClaimVolumeSource().claimName(target.targetClaim()).readOnly(false)),
            new V1Volume().name(PodVolumes.SCRATCH).emptyDir(new V1EmptyDirVolumeSource())));
    RestorePlacement.apply(target.placement(), pods, spec);
    extraTolerations.forEach(spec::addTolerationsItem);
    return new V1Job()
        .apiVersion("batch/v1")
        .kind("Job")
        .metadata(metadata(unit, context).name(RunObjects.name(context.runId(), unit)).namespace(target.namespace()))
        .spec(new V1JobSpec()
            // A failed restore is reported, not retried: a second try may meet files the first changed.
            .backoffLimit(0)
            .ttlSecondsAfterFinished(BackupJobs.TTL_AFTER_FINISHED_SECONDS)
            .template(new V1PodTemplateSpec().metadata(metadata(unit, context)).spec(spec)));
  }

  /**
   * The ephemeral container that restores {@code target} inside the pod that holds it, mounting the
   * pod's own volume of the claim read-write at {@code /data/<backed-up claim>}. Like a backup's
   * ephemeral container it has no volume of its own, so the tool's scratch directory is in its
   * writable root file system, and it sets only what the API allows an ephemeral container. It is
   * named {@link RunObjects#name} of {@code unit}, as the library's ephemeral containers are.
   *
   * @throws IllegalArgumentException if the target restores through a Job, or the context's
   *     snapshot does not hold the pod or the pod has no volume for the claim
   */
  public static V1EphemeralContainer ephemeralContainer(RestoreTarget target, BackupUnit unit, RunContext context) {
    checkNotNull(target, "target");
    checkNotNull(unit, "unit");
    checkArgument(target.method() == RestoreMethod.EPHEMERAL_CONTAINER, "%s restores through a Job", target);
    BackupToolSpec tool = context.tool();
    List<Pod> pods = mountingPods(target, context.snapshot());
    Pod pod = pods.get(0);
    String volume = pod.claimVolumes().stream()
        .filter(candidate -> candidate.claimName().equals(target.targetClaim()))
        .map(PodVolume::name)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "pod " + pod.namespace() + "/" + pod.name() + " has no volume for claim " + target.targetClaim()));
    BackupIdentity identity = BackupIdentity.of(tool, pods);
    V1Container common = common(target, tool);
    return new V1EphemeralContainer()
        .name(RunObjects.name(context.runId(), unit))
        .image(common.getImage())
        .imagePullPolicy(common.getImagePullPolicy())
        .command(common.getCommand())
        .env(common.getEnv())
        .envFrom(common.getEnvFrom())
        .volumeMounts(ImmutableList.of(new V1VolumeMount()
            .name(volume).mountPath(BackupToolSpec.mountPath(target.sourceClaim())).readOnly(false)))
        .securityContext(withRootCapabilities(SecurityContexts.ephemeralContainer(identity, pod), identity))
        .terminationMessagePath(common.getTerminationMessagePath())
        .terminationMessagePolicy(common.getTerminationMessagePolicy());
  }

  /**
   * The claim a restore creates for a target that does not exist, with the spec {@link
   * RestoreTarget#newClaim()} copied from the backed-up claim, and the tool's extra labels. It
   * carries no run label: unlike the restore's Job, it holds the restored files and must outlive
   * the run, its cleanup and sweeps.
   *
   * @return empty when the target claim exists already
   */
  public static Optional<V1PersistentVolumeClaim> newClaim(RestoreTarget target, BackupToolSpec tool) {
    checkNotNull(target, "target");
    checkNotNull(tool, "tool");
    return target.newClaim().map(spec -> new V1PersistentVolumeClaim()
        .apiVersion("v1")
        .kind("PersistentVolumeClaim")
        .metadata(new V1ObjectMeta()
            .name(target.targetClaim())
            .namespace(target.namespace())
            .labels(tool.labels().isEmpty() ? null : tool.labels()))
        .spec(claimSpec(spec)));
  }

  private static V1PersistentVolumeClaimSpec claimSpec(NewClaim spec) {
    return new V1PersistentVolumeClaimSpec()
        .storageClassName(spec.storageClassName().orElse(null))
        .accessModes(spec.accessModes().stream().map(AccessMode::kubernetesName).collect(ImmutableList.toImmutableList()))
        .resources(new V1VolumeResourceRequirements()
            .requests(ImmutableMap.of("storage", new Quantity(Long.toString(spec.requestedBytes())))));
  }

  /** The pods of {@code snapshot} the target names as mounting it, in its order. */
  private static List<Pod> mountingPods(RestoreTarget target, ClusterSnapshot snapshot) {
    checkNotNull(snapshot, "snapshot");
    ImmutableList.Builder<Pod> pods = ImmutableList.builder();
    for (String name : target.mountingPods()) {
      pods.add(snapshot.podsMounting(target.namespace(), target.targetClaim()).stream()
          .filter(pod -> pod.name().equals(name))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("pod " + target.namespace() + "/" + name
              + ", which the plan says mounts claim " + target.targetClaim() + ", is not in the snapshot; plan again")));
    }
    return pods.build();
  }

  /** The container parts both forms share: image, the restore's command line, the tool's environment. */
  private static V1Container common(RestoreTarget target, BackupToolSpec tool) {
    return new V1Container()
        .image(tool.image())
        .imagePullPolicy("IfNotPresent")
        .command(ResticRestoreCommand.commandLine(
            target.namespace(), target.sourceClaim(), target.snapshot(), target.overwrite()))
        .env(ToolEnvironment.env(tool))
        .envFrom(ToolEnvironment.envFrom(tool))
        // Where the script writes what it restored; on a failure that wrote nothing, the log's last
        // lines take its place. The executor reads it from the pod's status, never the log.
        .terminationMessagePath(ResticRestoreCommand.TERMINATION_MESSAGE_PATH)
        .terminationMessagePolicy("FallbackToLogsOnError");
  }

  /** Root restores owners, modes and times of files it does not own; the backup's root only reads. */
  private static V1SecurityContext withRootCapabilities(V1SecurityContext context, BackupIdentity identity) {
    if (identity.isRoot()) {
      context.getCapabilities().add(ROOT_RESTORE_CAPABILITIES);
    }
    return context;
  }

  private static V1ObjectMeta metadata(BackupUnit unit, RunContext context) {
    return new V1ObjectMeta()
        .labels(RunObjects.labels(context.runId(), unit, context.tool()))
        .annotations(RunObjects.annotations(unit, context.tool()));
  }
}
