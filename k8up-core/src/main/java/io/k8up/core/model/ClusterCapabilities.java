package io.k8up.core.model;

import com.google.common.collect.ImmutableSet;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.immutables.value.Value;

/**
 * What the cluster's API server says it is and serves, as discovery reports it; strategies read
 * it to say early that a cluster cannot do what they need. Unknown unless discovered: a snapshot
 * read from a file knows nothing, and strategies then assume the cluster serves what they need.
 */
@Value.Immutable
public abstract class ClusterCapabilities {

  private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+).*");
  private static final ClusterCapabilities UNKNOWN = ImmutableClusterCapabilities.builder().discovered(false).build();

  /** Whether discovery answered; when not, nothing is known. */
  public abstract boolean discovered();

  /** The server's version as it reports it ({@code gitVersion}, e.g. {@code v1.31.2}). */
  public abstract Optional<String> version();

  /**
   * The resources and subresources the server serves, as {@code <plural>} or {@code
   * <plural>/<subresource>} for the core group (e.g. {@code pods/ephemeralcontainers}) and {@code
   * <group>/<version>/<plural>} for others (e.g. {@code snapshot.storage.k8s.io/v1/volumesnapshots}).
   */
  public abstract ImmutableSet<String> servedResources();

  /** Whether the server serves {@code resource}; empty when unknown. */
  public Optional<Boolean> serves(String resource) {
    return discovered() ? Optional.of(servedResources().contains(resource)) : Optional.empty();
  }

  /** Whether the server is at least Kubernetes {@code major.minor}; empty when unknown. */
  public Optional<Boolean> isAtLeast(int major, int minor) {
    Optional<Matcher> version = version().map(VERSION::matcher).filter(Matcher::matches);
    return version.map(matcher -> {
      int actualMajor = Integer.parseInt(matcher.group(1));
      int actualMinor = Integer.parseInt(matcher.group(2));
      return actualMajor > major || (actualMajor == major && actualMinor >= minor);
    });
  }

  /** Nothing known. */
  public static ClusterCapabilities unknown() {
    return UNKNOWN;
  }

  public static ImmutableClusterCapabilities.Builder builder() {
    return ImmutableClusterCapabilities.builder().discovered(true);
  }
}
