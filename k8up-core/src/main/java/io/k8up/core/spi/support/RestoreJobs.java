package io.k8up.core.spi.support;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.hash.Hashing;
import com.google.common.io.BaseEncoding;
import io.k8up.core.model.AccessMode;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.model.Pod;
import io.k8up.core.model.PodVolume;
import io.k8up.core.restore.NewClaim;
import io.k8up.core.restore.RestoreMethod;
import io.k8up.core.restore.RestoreTarget;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.RunId;
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
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import io.kubernetes.client.openapi.models.V1VolumeResourceRequirements;
import java.nio.charset.StandardCharsets;
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
  private static final BaseEncoding ID_ENCODING = BaseEncoding.base32().lowerCase().omitPadding();

  private RestoreJobs() {}

  /**
   * The name of the restore's Job or ephemeral container: {@code k8up-rwo-<run id>-r<id>}, where the
   * id is ten base-32 characters of a hash of the namespace and both claims; deterministic, so that
   * a restarted run finds what it created.
   */
  public static String name(RunId runId, RestoreTarget target) {
    checkNotNull(runId, "runId");
    String key = target.namespace() + "/" + target.sourceClaim() + "/" + target.targetClaim();
    String id = ID_ENCODING.encode(Hashing.sha256().hashString(key, StandardCharsets.UTF_8).asBytes()).substring(0, 10);
    return RunObjects.PREFIX + runId.value() + "-r" + id;
  }

  /**
   * The Job that restores {@code target}, placed as its placement says, running as the identity
   * the pods of {@code snapshot} that mount the target give.
   *
   * @throws IllegalArgumentException if the target restores through an ephemeral container, or a
   *     resource amount of the tool is not a Kubernetes quantity
   */
  public static V1Job job(RestoreTarget target, RunId runId, BackupToolSpec tool, ClusterSnapshot snapshot) {
    checkNotNull(target, "target");
    checkNotNull(tool, "tool");
    checkArgument(target.method() == RestoreMethod.JOB, "%s restores through an ephemeral container", target);
    List<Pod> pods = mountingPods(target, snapshot);
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
    return new V1Job()
        .apiVersion("batch/v1")
        .kind("Job")
        .metadata(metadata(target, runId, tool).name(name(runId, target)).namespace(target.namespace()))
        .spec(new V1JobSpec()
            // A failed restore is reported, not retried: a second try may meet files the first changed.
            .backoffLimit(0)
            .ttlSecondsAfterFinished(BackupJobs.TTL_AFTER_FINISHED_SECONDS)
            .template(new V1PodTemplateSpec().metadata(metadata(target, runId, tool)).spec(spec)));
  }

  /**
   * The ephemeral container that restores {@code target} inside the pod that holds it, mounting the
   * pod's own volume of the claim read-write at {@code /data/<backed-up claim>}. Like a backup's
   * ephemeral container it has no volume of its own, so the tool's scratch directory is in its
   * writable root file system, and it sets only what the API allows an ephemeral container.
   *
   * @throws IllegalArgumentException if the target restores through a Job, or {@code snapshot}
   *     does not hold the pod or the pod has no volume for the claim
   */
  public static V1EphemeralContainer ephemeralContainer(
      RestoreTarget target, RunId runId, BackupToolSpec tool, ClusterSnapshot snapshot) {
    checkNotNull(target, "target");
    checkNotNull(tool, "tool");
    checkArgument(target.method() == RestoreMethod.EPHEMERAL_CONTAINER, "%s restores through a Job", target);
    List<Pod> pods = mountingPods(target, snapshot);
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
        .name(name(runId, target))
        .image(common.getImage())
        .imagePullPolicy(common.getImagePullPolicy())
        .command(common.getCommand())
        .env(common.getEnv())
        .envFrom(common.getEnvFrom())
        .volumeMounts(ImmutableList.of(new V1VolumeMount()
            .name(volume).mountPath(BackupToolSpec.mountPath(target.sourceClaim())).readOnly(false)))
        .securityContext(withRootCapabilities(SecurityContexts.ephemeralContainer(identity, pod), identity))
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
        // The script's and restic's last lines become the termination message the executor reports.
        .terminationMessagePolicy("FallbackToLogsOnError");
  }

  /** Root restores owners, modes and times of files it does not own; the backup's root only reads. */
  private static V1SecurityContext withRootCapabilities(V1SecurityContext context, BackupIdentity identity) {
    if (identity.isRoot()) {
      context.getCapabilities().add(ROOT_RESTORE_CAPABILITIES);
    }
    return context;
  }

  private static V1ObjectMeta metadata(RestoreTarget target, RunId runId, BackupToolSpec tool) {
    ImmutableMap.Builder<String, String> labels = ImmutableMap.builder();
    tool.labels().forEach((key, value) -> {
      if (!key.equals(K8upAnnotations.MANAGED_BY_LABEL) && !key.equals(K8upAnnotations.RUN_ID_LABEL)) {
        labels.put(key, value);
      }
    });
    labels.put(K8upAnnotations.MANAGED_BY_LABEL, K8upAnnotations.MANAGED_BY_VALUE);
    labels.put(K8upAnnotations.RUN_ID_LABEL, runId.value());
    return new V1ObjectMeta()
        .labels(labels.build())
        .annotations(ImmutableMap.<String, String>builder()
            .putAll(tool.annotations())
            .put(K8upAnnotations.CLAIMS_ANNOTATION, target.targetClaim())
            .buildKeepingLast());
  }
}
