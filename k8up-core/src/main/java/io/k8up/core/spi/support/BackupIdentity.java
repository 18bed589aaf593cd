package io.k8up.core.spi.support;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import io.k8up.core.model.Pod;
import io.k8up.core.spi.BackupToolSpec;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.immutables.value.Value;

/**
 * The user and groups a backup runs as: those of the application that wrote the files, where a
 * pod that mounts them says so, so that the files are readable without root. The one rule every
 * strategy follows; {@link SecurityContexts} turns it into security contexts.
 */
@Value.Immutable
public abstract class BackupIdentity {

  private static final long ROOT = 0;

  BackupIdentity() {}

  /** The user id of the backup process. */
  @Value.Parameter
  public abstract long user();

  /** The primary group id of the backup process. */
  @Value.Parameter
  public abstract long group();

  /** Extra groups of the process, in a stable order. */
  @Value.Parameter
  public abstract ImmutableSet<Long> supplementalGroups();

  /** Whether the process runs as root, which only {@link BackupToolSpec#runAsRoot()} asks for. */
  public boolean isRoot() {
    return user() == ROOT;
  }

  /**
   * Who the tool runs as next to {@code mountingPods}, the application pods that mount the claims
   * on the backup's node, in the plan's order (empty where none is known):
   *
   * <ul>
   *   <li>with {@link BackupToolSpec#runAsRoot()}, user and group 0;
   *   <li>else the first pod that sets {@code runAsUser} gives the user, and the first that sets
   *       {@code runAsGroup} the group; where none does, or the first sets 0, the tool's. A pod's
   *       0 is never copied: that would make the backup root without the caller asking.
   * </ul>
   *
   * <p>The pods' {@code fsGroup}s, then the tool's supplemental groups, are the supplemental
   * groups: the process gets the group that owns the volume without kubelet changing any file, as
   * it would for an {@code fsGroup} of the backup pod.
   */
  public static BackupIdentity of(BackupToolSpec tool, List<Pod> mountingPods) {
    checkNotNull(tool, "tool");
    ImmutableList<Pod> pods = ImmutableList.copyOf(mountingPods);
    ImmutableSet<Long> groups = ImmutableSet.<Long>builder()
        .addAll(pods.stream().flatMap(pod -> pod.fsGroup().stream()).iterator())
        .addAll(tool.supplementalGroups())
        .build();
    if (tool.runAsRoot()) {
      return ImmutableBackupIdentity.of(ROOT, ROOT, groups);
    }
    long user = firstNonRoot(pods, Pod::runAsUser).orElse(tool.runAsUser());
    long group = firstNonRoot(pods, Pod::runAsGroup).orElse(tool.runAsGroup());
    return ImmutableBackupIdentity.of(user, group, groups);
  }

  /** The tool's own user and groups, for a backup no application pod's files are known for. */
  public static BackupIdentity ofTool(BackupToolSpec tool) {
    return of(tool, ImmutableList.of());
  }

  private static Optional<Long> firstNonRoot(List<Pod> pods, Function<Pod, Optional<Long>> id) {
    return pods.stream().flatMap(pod -> id.apply(pod).stream()).findFirst().filter(value -> value != ROOT);
  }
}
