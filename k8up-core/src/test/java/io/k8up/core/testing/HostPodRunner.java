package io.k8up.core.testing;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1EnvFromSource;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1EphemeralContainer;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Runs the backup container a strategy materialized as a process on the host instead of in a
 * cluster, so that a test can check what the tool really does with the mounts, environment and
 * arguments the strategy gave it.
 *
 * <ul>
 *   <li>Each mounted {@code persistentVolumeClaim} volume is the host directory the test gives for
 *       that claim; each mounted {@code emptyDir} a fresh directory; each {@link
 *       Builder#imageDirectory image directory} one the test gives.
 *   <li>Those container paths are rewritten to the host directories in the command, the arguments
 *       and the environment values written in the spec, wherever a whole path or the start of one
 *       appears, longest first; then {@code $(VAR)} references are expanded as the kubelet does. A
 *       path only assembled by expansion is therefore not rewritten.
 *   <li>The environment is only the container's: {@code env} values, {@code secretKeyRef} and
 *       {@code envFrom} {@code secretRef}, resolved from the test's Secrets. A missing Secret or
 *       key fails, as the pod would not start.
 *   <li>The command's first word is mapped to a host executable by the test.
 * </ul>
 *
 * <p>What it cannot model it rejects with an {@link IllegalArgumentException} rather than guess:
 * other volume types, {@code subPath}, {@code workingDir}, init containers, a pod of several
 * containers, an image's own entrypoint, config maps. It does not enforce {@code readOnly} mounts
 * or the security context: the process runs as the test's user.
 */
public final class HostPodRunner {

  /** How long a container may run before it is killed and the test fails. */
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private final Path workDirectory;
  private final ImmutableMap<String, Path> claims;
  private final ImmutableMap<String, ImmutableMap<String, String>> secrets;
  private final ImmutableMap<String, Path> executables;
  private final ImmutableMap<String, Path> imageDirectories;

  private HostPodRunner(Builder builder) {
    this.workDirectory = builder.workDirectory;
    this.claims = ImmutableMap.copyOf(builder.claims);
    this.secrets = ImmutableMap.copyOf(builder.secrets);
    this.executables = ImmutableMap.copyOf(builder.executables);
    this.imageDirectories = ImmutableMap.copyOf(builder.imageDirectories);
  }

  /** A runner whose fresh directories (emptyDirs, the process's working directory) go under {@code workDirectory}. */
  public static Builder builder(Path workDirectory) {
    return new Builder(workDirectory);
  }

  /**
   * Runs the only container of the Job's pod template.
   *
   * @throws IllegalArgumentException if the pod has init containers or several containers, or
   *     anything else this runner does not model
   */
  public HostRun run(V1Job job) {
    V1PodSpec pod = job.getSpec().getTemplate().getSpec();
    checkArgument(pod.getInitContainers() == null || pod.getInitContainers().isEmpty(),
        "init containers are not modelled on the host");
    checkArgument(pod.getContainers().size() == 1,
        "the Job's pod has %s containers; only one is modelled on the host", pod.getContainers().size());
    V1Container container = pod.getContainers().get(0);
    checkArgument(container.getVolumeDevices() == null || container.getVolumeDevices().isEmpty(),
        "volumeDevices are not modelled on the host");
    return run(pod, new Shape(container.getName(), container.getCommand(), container.getArgs(),
        container.getEnv(), container.getEnvFrom(), container.getVolumeMounts(), container.getWorkingDir()));
  }

  /**
   * Runs the ephemeral container as if added to a pod of spec {@code pod}, mounting its volumes.
   *
   * @throws IllegalArgumentException if the container uses anything this runner does not model
   */
  public HostRun run(V1PodSpec pod, V1EphemeralContainer container) {
    checkArgument(container.getVolumeDevices() == null || container.getVolumeDevices().isEmpty(),
        "volumeDevices are not modelled on the host");
    return run(pod, new Shape(container.getName(), container.getCommand(), container.getArgs(),
        container.getEnv(), container.getEnvFrom(), container.getVolumeMounts(), container.getWorkingDir()));
  }

  private HostRun run(V1PodSpec pod, Shape container) {
    checkArgument(container.workingDir() == null, "container %s: workingDir is not modelled on the host",
        container.name());
    checkArgument(!container.command().isEmpty(), "container %s keeps its image's entrypoint, which cannot "
        + "run on the host: only an explicit command is modelled", container.name());
    try {
      Path runDirectory = Files.createTempDirectory(workDirectory, "run-" + container.name() + "-");
      ContainerPaths paths = new ContainerPaths(mounts(pod, container, runDirectory));
      ImmutableMap<String, String> env = new ContainerEnvironment(secrets, paths)
          .resolve(container.envFrom(), container.env());
      List<String> commandLine = new ArrayList<>();
      for (String word : container.commandLine()) {
        commandLine.add(KubernetesVariables.expand(paths.rewrite(word), env));
      }
      Path executable = executables.get(commandLine.get(0));
      checkArgument(executable != null, "container %s runs '%s', which the test did not map to a host "
          + "executable (Builder.executable)", container.name(), commandLine.get(0));
      commandLine.set(0, executable.toString());
      ProcessResult result = HostProcesses.run(commandLine, env, runDirectory, TIMEOUT);
      return new HostRun(result, paths.hostPaths());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running container " + container.name(), e);
    }
  }

  private Map<String, Path> mounts(V1PodSpec pod, Shape container, Path runDirectory) throws IOException {
    Map<String, V1Volume> volumes = new LinkedHashMap<>();
    Objects.requireNonNullElse(pod.getVolumes(), List.<V1Volume>of())
        .forEach(volume -> volumes.put(volume.getName(), volume));
    // A volume mounted over an image directory hides it, as in a container.
    Map<String, Path> mounts = new LinkedHashMap<>(imageDirectories);
    Set<String> mounted = new HashSet<>();
    for (V1VolumeMount mount : container.volumeMounts()) {
      String path = mount.getMountPath();
      checkArgument(path.startsWith("/") && !path.equals("/"), "mount path '%s' is not modelled on the host", path);
      checkArgument(isEmpty(mount.getSubPath()) && isEmpty(mount.getSubPathExpr()),
          "volume mount %s at %s uses a subPath, which is not modelled on the host", mount.getName(), path);
      V1Volume volume = volumes.get(mount.getName());
      checkArgument(volume != null, "container %s mounts volume %s, which the pod does not have",
          container.name(), mount.getName());
      String normalized = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
      checkArgument(mounted.add(normalized), "two volumes are mounted at %s", normalized);
      mounts.put(normalized, hostDirectory(volume, runDirectory));
    }
    return mounts;
  }

  private Path hostDirectory(V1Volume volume, Path runDirectory) throws IOException {
    if (volume.getPersistentVolumeClaim() != null) {
      String claim = volume.getPersistentVolumeClaim().getClaimName();
      Path directory = claims.get(claim);
      checkArgument(directory != null, "volume %s is claim %s, for which the test gave no host directory "
          + "(Builder.claim)", volume.getName(), claim);
      return directory;
    }
    if (volume.getEmptyDir() != null) {
      return Files.createDirectory(runDirectory.resolve("emptyDir-" + volume.getName()));
    }
    throw new IllegalArgumentException("volume " + volume.getName() + " is of a type not modelled on the host "
        + "(only persistentVolumeClaim and emptyDir are): " + volume);
  }

  private static boolean isEmpty(String value) {
    return value == null || value.isEmpty();
  }

  /** The parts of a container or ephemeral container that decide what its process does. */
  private record Shape(String name, List<String> command, List<String> args, List<V1EnvVar> env,
      List<V1EnvFromSource> envFrom, List<V1VolumeMount> volumeMounts, String workingDir) {

    Shape {
      command = Objects.requireNonNullElse(command, List.of());
      args = Objects.requireNonNullElse(args, List.of());
      env = Objects.requireNonNullElse(env, List.of());
      envFrom = Objects.requireNonNullElse(envFrom, List.of());
      volumeMounts = Objects.requireNonNullElse(volumeMounts, List.of());
    }

    ImmutableList<String> commandLine() {
      return ImmutableList.<String>builder().addAll(command).addAll(args).build();
    }
  }

  /** Sets up a {@link HostPodRunner}. */
  public static final class Builder {

    private final Path workDirectory;
    private final Map<String, Path> claims = new LinkedHashMap<>();
    private final Map<String, ImmutableMap<String, String>> secrets = new LinkedHashMap<>();
    private final Map<String, Path> executables = new LinkedHashMap<>();
    private final Map<String, Path> imageDirectories = new LinkedHashMap<>();

    private Builder(Path workDirectory) {
      checkArgument(Files.isDirectory(workDirectory), "%s is not a directory", workDirectory);
      this.workDirectory = workDirectory;
    }

    /** The host directory of claim {@code claim}, mounted wherever a volume names that claim. */
    public Builder claim(String claim, Path directory) {
      checkArgument(Files.isDirectory(directory), "%s is not a directory", directory);
      checkArgument(claims.putIfAbsent(claim, directory) == null, "claim %s given twice", claim);
      return this;
    }

    /** A Secret of the pod's namespace, key to value. */
    public Builder secret(String name, Map<String, String> data) {
      checkArgument(secrets.putIfAbsent(name, ImmutableMap.copyOf(data)) == null, "Secret %s given twice", name);
      return this;
    }

    /** A Secret of the pod's namespace, its {@code data} decoded as UTF-8, then its {@code stringData}. */
    public Builder secret(V1Secret secret) {
      Map<String, String> data = new LinkedHashMap<>();
      Objects.requireNonNullElse(secret.getData(), Map.<String, byte[]>of())
          .forEach((key, value) -> data.put(key, new String(value, StandardCharsets.UTF_8)));
      data.putAll(Objects.requireNonNullElse(secret.getStringData(), Map.of()));
      return secret(secret.getMetadata().getName(), data);
    }

    /** Runs {@code executable} where the container's command starts with {@code command}, e.g. {@code restic}. */
    public Builder executable(String command, Path executable) {
      checkArgument(Files.isExecutable(executable), "%s is not executable", executable);
      checkArgument(executables.putIfAbsent(command, executable) == null, "command %s given twice", command);
      return this;
    }

    /**
     * A directory of the image's own file system, such as {@code /tmp}, that the container writes
     * to without a volume: a container with a writable root file system, like an ephemeral one.
     * A volume mounted at the same path hides it.
     */
    public Builder imageDirectory(String containerPath, Path directory) {
      checkArgument(containerPath.startsWith("/") && !containerPath.endsWith("/"),
          "%s is not an absolute path without a trailing /", containerPath);
      checkArgument(Files.isDirectory(directory), "%s is not a directory", directory);
      checkArgument(imageDirectories.putIfAbsent(containerPath, directory) == null, "%s given twice", containerPath);
      return this;
    }

    public HostPodRunner build() {
      return new HostPodRunner(this);
    }
  }
}
