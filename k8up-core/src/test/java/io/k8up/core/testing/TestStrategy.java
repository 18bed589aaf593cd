package io.k8up.core.testing;

import io.k8up.core.model.ClaimTarget;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.Support;
import io.k8up.core.spi.VolumeAccessStrategy;
import java.util.function.Predicate;

/** A strategy for tests that supports the claims a predicate accepts. */
public final class TestStrategy implements VolumeAccessStrategy {

  private final String id;
  private final boolean requiresNode;
  private final Predicate<ClaimTarget> supported;
  private final String refusal;

  private TestStrategy(String id, boolean requiresNode, Predicate<ClaimTarget> supported, String refusal) {
    this.id = id;
    this.requiresNode = requiresNode;
    this.supported = supported;
    this.refusal = refusal;
  }

  /** A node-bound strategy supporting what {@code supported} accepts, refusing the rest with {@code refusal}. */
  public static TestStrategy nodeBound(String id, Predicate<ClaimTarget> supported, String refusal) {
    return new TestStrategy(id, true, supported, refusal);
  }

  /** A strategy that needs no node, supporting what {@code supported} accepts. */
  public static TestStrategy nodeFree(String id, Predicate<ClaimTarget> supported, String refusal) {
    return new TestStrategy(id, false, supported, refusal);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Support supports(ClaimTarget target, ClusterSnapshot snapshot) {
    return supported.test(target) ? Support.supported() : Support.unsupported(refusal);
  }

  @Override
  public boolean requiresNode() {
    return requiresNode;
  }
}
