package io.k8up.core.testing;

import com.google.common.collect.ImmutableMap;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;

/**
 * A container run on the host by {@link HostPodRunner}: how its process ended, and which host
 * directory stood for each path it mounted, to read the paths a tool recorded as the container
 * would have.
 *
 * @param process how the process ended
 * @param mounts the host directory of each container path: volume mounts and image directories
 */
public record HostRun(ProcessResult process, ImmutableMap<String, Path> mounts) {

  public int exitCode() {
    return process.exitCode();
  }

  public String stdout() {
    return process.stdout();
  }

  public String stderr() {
    return process.stderr();
  }

  /**
   * The path inside the container of {@code hostPath}: a host directory of {@link #mounts()}, or a
   * path under one.
   *
   * @throws IllegalArgumentException if {@code hostPath} is under no mount
   */
  public String containerPath(String hostPath) {
    Path path = Path.of(hostPath);
    return mounts.entrySet().stream()
        .filter(mount -> path.startsWith(mount.getValue()))
        .max(Comparator.comparingInt(mount -> mount.getValue().getNameCount()))
        .map(mount -> join(mount, mount.getValue().relativize(path)))
        .orElseThrow(() -> new IllegalArgumentException(hostPath + " is under no mount of " + mounts));
  }

  private static String join(Map.Entry<String, Path> mount, Path relative) {
    return relative.toString().isEmpty() ? mount.getKey() : mount.getKey() + "/" + relative;
  }
}
