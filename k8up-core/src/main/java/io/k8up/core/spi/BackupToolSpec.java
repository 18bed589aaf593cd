package io.k8up.core.spi;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.base.Joiner;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The backup tool a strategy runs next to the volumes: an image and a command line, as data.
 *
 * <p>Each claim of a unit is mounted read-only at {@code /data/<claim>}. The command and arguments
 * may hold placeholders, replaced when a unit's workflow is built:
 *
 * <ul>
 *   <li>{@code {namespace}}, {@code {runId}} and {@code {claims}} (the unit's claim names, joined
 *       by commas) anywhere in an argument;
 *   <li>an argument that is exactly {@code {mountPaths}} becomes one argument per claim, its mount
 *       path.
 * </ul>
 *
 * <p>Secrets are referenced by name ({@link #envFromSecrets()}, {@link #secretEnv()}), never read or
 * copied: a generated manifest or log holds no secret value.
 */
// Its builder is the public way to describe a tool, so the implementation is public too.
@Value.Immutable
@Value.Style(typeImmutable = "Immutable*", visibility = Value.Style.ImplementationVisibility.PUBLIC)
public abstract class BackupToolSpec {

  /** Where claims are mounted: {@code /data/<claim>}. */
  public static final String DATA_ROOT = "/data";

  /** The restic image the default tool runs. */
  public static final String RESTIC_IMAGE = "docker.io/restic/restic:0.18.1";

  /** The user and group backup pods run as where nothing else is known: not root. */
  public static final long DEFAULT_USER = 65532;

  /** The placeholder argument that expands to the unit's mount paths. */
  public static final String MOUNT_PATHS = "{mountPaths}";

  public abstract String image();

  /** The entrypoint; empty keeps the image's own. */
  public abstract ImmutableList<String> command();

  public abstract ImmutableList<String> args();

  /** Plain environment variables; never put a secret here, use {@link #secretEnv()}. */
  public abstract ImmutableMap<String, String> env();

  /** Secrets whose keys all become environment variables ({@code envFrom}). */
  public abstract ImmutableList<String> envFromSecrets();

  /** Environment variables set from one key of a Secret each. */
  public abstract ImmutableList<SecretEnv> secretEnv();

  /** Resource requests, e.g. {@code cpu: 100m}. */
  public abstract ImmutableMap<String, String> resourceRequests();

  /** Resource limits, e.g. {@code memory: 512Mi}. */
  public abstract ImmutableMap<String, String> resourceLimits();

  /** The service account of backup pods; empty uses the namespace's default. */
  public abstract Optional<String> serviceAccountName();

  /** Extra labels on everything a strategy creates. */
  public abstract ImmutableMap<String, String> labels();

  /** Extra annotations on everything a strategy creates. */
  public abstract ImmutableMap<String, String> annotations();

  /**
   * A writable empty directory for the tool (caches, temporary files), since the root file system
   * is read-only; default {@code /tmp}.
   */
  @Value.Default
  public String scratchDirectory() {
    return "/tmp";
  }

  /**
   * Run the tool as root. Off by default: backup pods then pass the Pod Security "restricted"
   * profile and run as the mounting pod's user and group, with its fsGroup as a supplemental
   * group, where a mounting pod is known.
   */
  @Value.Default
  public boolean runAsRoot() {
    return false;
  }

  /** The user to run as where no mounting pod says; default {@link #DEFAULT_USER}. */
  @Value.Default
  public long runAsUser() {
    return DEFAULT_USER;
  }

  /** The group to run as where no mounting pod says; default {@link #DEFAULT_USER}. */
  @Value.Default
  public long runAsGroup() {
    return DEFAULT_USER;
  }

  /** Extra groups of the tool's process, e.g. the group owning the files of unmounted claims. */
  public abstract ImmutableList<Long> supplementalGroups();

  @Value.Check
  void check() {
    checkArgument(!image().isBlank(), "a backup tool needs an image");
    checkArgument(runAsUser() != 0 || runAsRoot(), "user 0 is root: ask for runAsRoot instead");
    checkArgument(scratchDirectory().startsWith("/"), "the scratch directory must be an absolute path");
    checkArgument(
        !scratchDirectory().equals(DATA_ROOT) && !scratchDirectory().startsWith(DATA_ROOT + "/"),
        "the scratch directory must not be under %s", DATA_ROOT);
  }

  /** The mount path of {@code claim}: {@code /data/<claim>}. */
  public static String mountPath(String claim) {
    return DATA_ROOT + "/" + claim;
  }

  /** The command line, with placeholders replaced, for a unit of these claims. */
  public ImmutableList<String> renderCommand(String namespace, RunId runId, List<String> claims) {
    return render(command(), namespace, runId, claims);
  }

  /** The arguments, with placeholders replaced, for a unit of these claims. */
  public ImmutableList<String> renderArgs(String namespace, RunId runId, List<String> claims) {
    return render(args(), namespace, runId, claims);
  }

  private static ImmutableList<String> render(
      List<String> template, String namespace, RunId runId, List<String> claims) {
    ImmutableList.Builder<String> rendered = ImmutableList.builder();
    String joined = Joiner.on(',').join(claims);
    for (String argument : template) {
      if (argument.equals(MOUNT_PATHS)) {
        claims.forEach(claim -> rendered.add(mountPath(claim)));
      } else {
        rendered.add(argument
            .replace("{namespace}", namespace)
            .replace("{runId}", runId.value())
            .replace("{claims}", joined));
      }
    }
    return rendered.build();
  }

  /**
   * The default tool: {@code restic backup} of the unit's mount paths, tagged with the run, host
   * name the namespace, repository and password from {@code repositorySecret} (keys such as
   * {@code RESTIC_REPOSITORY} and {@code RESTIC_PASSWORD}, plus the storage's credentials).
   */
  public static ImmutableBackupToolSpec.Builder restic(String repositorySecret) {
    return ImmutableBackupToolSpec.builder()
        .image(RESTIC_IMAGE)
        .command(List.of("restic"))
        .args(List.of("backup", "--host", "{namespace}", "--tag", "k8up-rwo", "--tag",
            "run={runId}", MOUNT_PATHS))
        .putEnv("RESTIC_CACHE_DIR", "/tmp/restic-cache")
        .putEnv("HOME", "/tmp")
        .addEnvFromSecrets(repositorySecret);
  }

  public static ImmutableBackupToolSpec.Builder builder() {
    return ImmutableBackupToolSpec.builder();
  }
}
