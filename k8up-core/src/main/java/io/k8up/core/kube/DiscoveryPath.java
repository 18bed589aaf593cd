package io.k8up.core.kube;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.regex.Pattern;

/**
 * The discovery documents a {@link KubeGateway} reads: the server's version, the core group's
 * resources, and one group version's resources. Nothing else: discovery is open to every
 * authenticated user, and no path that could name an object passes.
 */
public final class DiscoveryPath {

  /** {@code GET /version}: what the server is. */
  public static final String VERSION = "/version";

  /** {@code GET /api/v1}: the core group's resources, {@code pods/ephemeralcontainers} among them. */
  public static final String CORE = "/api/v1";

  private static final Pattern GROUP_VERSION = Pattern.compile("[a-z0-9]([a-z0-9.-]*[a-z0-9])?/v[a-z0-9]+");

  private DiscoveryPath() {}

  /**
   * {@code GET /apis/GROUP/VERSION} for {@code groupVersion} such as {@code snapshot.storage.k8s.io/v1}.
   *
   * @throws IllegalArgumentException if {@code groupVersion} is not a group version
   */
  public static String group(String groupVersion) {
    checkArgument(GROUP_VERSION.matcher(groupVersion).matches(),
        "\"%s\" is not a group version such as snapshot.storage.k8s.io/v1", groupVersion);
    return "/apis/" + groupVersion;
  }

  /**
   * {@code path}, if it is one of the discovery documents.
   *
   * @throws IllegalArgumentException otherwise
   */
  public static String checked(String path) {
    checkArgument(path.equals(VERSION) || path.equals(CORE)
            || (path.startsWith("/apis/") && GROUP_VERSION.matcher(path.substring("/apis/".length())).matches()),
        "not a discovery path: %s", path);
    return path;
  }
}
