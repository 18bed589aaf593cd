package io.k8up.strategy.jobperpvc.internal;

import com.google.common.collect.ImmutableSet;
import io.k8up.core.model.Pod;
import io.k8up.core.spi.BackupToolSpec;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.immutables.value.Value;

/**
 * The user and groups a backup pod runs as: those of the application that wrote the files, where
 * known, so that the files are readable without root.
 */
@Value.Immutable
abstract class BackupIdentity {

  private static final long ROOT = 0;

  @Value.Parameter
  abstract long user();

  @Value.Parameter
  abstract long group();

  /** Extra groups of the process, in a stable order. */
  @Value.Parameter
  abstract ImmutableSet<Long> supplementalGroups();

  boolean isRoot() {
    return user() == ROOT;
  }

  /**
   * Who the tool runs as next to these mounting pods (empty where no pod mounts the claims):
   *
   * <ul>
   *   <li>with {@link BackupToolSpec#runAsRoot()}, user and group 0;
   *   <li>else the first pod that sets {@code runAsUser} gives the user, unless it runs as root:
   *       copying 0 would make the backup root without the caller asking, so the tool's user is
   *       used then, as where no pod sets one;
   *   <li>the first pod that sets {@code runAsGroup} gives the group, else the tool's.
   * </ul>
   *
   * <p>The pods' {@code fsGroup}s, then the tool's supplemental groups, are the supplemental
   * groups: the process gets the group that owns the volume without kubelet changing any file, as
   * it would for an {@code fsGroup} of the backup pod.
   */
  static BackupIdentity of(BackupToolSpec tool, List<Pod> mountingPods) {
    ImmutableSet<Long> groups = ImmutableSet.<Long>builder()
        .addAll(mountingPods.stream().flatMap(pod -> pod.fsGroup().stream()).iterator())
        .addAll(tool.supplementalGroups())
        .build();
    if (tool.runAsRoot()) {
      return ImmutableBackupIdentity.of(ROOT, ROOT, groups);
    }
    long user = first(mountingPods, Pod::runAsUser).filter(id -> id != ROOT).orElse(tool.runAsUser());
    long group = first(mountingPods, Pod::runAsGroup).orElse(tool.runAsGroup());
    return ImmutableBackupIdentity.of(user, group, groups);
  }

  private static Optional<Long> first(List<Pod> pods, Function<Pod, Optional<Long>> id) {
    return pods.stream().flatMap(pod -> id.apply(pod).stream()).findFirst();
  }
}
