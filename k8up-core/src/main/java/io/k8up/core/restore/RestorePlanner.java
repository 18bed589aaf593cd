package io.k8up.core.restore;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableMap;
import io.k8up.core.internal.restore.RestoreDecider;
import io.k8up.core.plan.NodeResolver;
import io.k8up.core.snapshot.ClusterSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides, for each claim a user asks to restore, whether to restore it, skip it or fail it, with a
 * reason code and a sentence for the user, and where and how the restore must run.
 *
 * <p>A bound target claim is placed by the same {@link NodeResolver} chain as a backup of it
 * (mounting pod, then the PersistentVolume's nodeAffinity, then {@code k8up.io/hostname}, else it
 * fails with {@link RestoreReason#NO_NODE}), so a restore runs where a backup would. A target claim
 * that a pod mounts fails with {@link RestoreReason#IN_USE} unless the request passes the in-use
 * option.
 *
 * <p>Planning is pure: it reads nothing but its arguments and this planner's settings, uses no
 * clock and no randomness. Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * RestorePlan plan = RestorePlanner.builder().build()
 *     .plan(snapshot, storageClasses, List.of(RestoreRequest.builder().namespace("shop").claim("data").build()));
 * }</pre>
 */
public final class RestorePlanner {

  private final RestoreDecider decider;

  private RestorePlanner(Builder builder) {
    this.decider = new RestoreDecider(builder.nodeResolver.rules());
  }

  /** A builder with the default node chain. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The decision for each of {@code requests}, in their order. A request whose target claim an
   * earlier request already names is skipped with {@link RestoreReason#DUPLICATE_TARGET}.
   *
   * @param snapshot the cluster: claims, volumes, pods, and what the API server serves
   * @param storageClasses the cluster's StorageClasses, to tell whether a Pending target claim waits
   *     for its first consumer; a Pending claim of a class not given fails with {@link
   *     RestoreReason#NOT_BOUND}
   * @param requests what to restore
   * @throws IllegalArgumentException if two storage classes share a name
   */
  public RestorePlan plan(
      ClusterSnapshot snapshot, Iterable<StorageClassBinding> storageClasses, Iterable<RestoreRequest> requests) {
    checkNotNull(snapshot, "snapshot");
    Map<String, StorageClassBinding> byName = new HashMap<>();
    for (StorageClassBinding binding : storageClasses) {
      if (byName.put(binding.name(), binding) != null) {
        throw new IllegalArgumentException("two storage classes are named " + binding.name());
      }
    }
    ImmutableMap<String, StorageClassBinding> classes = ImmutableMap.copyOf(byName);
    Set<String> targets = new HashSet<>();
    List<RestoreDecision> decisions = new ArrayList<>();
    for (RestoreRequest request : requests) {
      String target = request.namespace() + "/" + request.targetClaim();
      decisions.add(targets.add(target)
          ? decider.decide(request, snapshot, classes)
          : RestoreDecision.skip(request, RestoreReason.DUPLICATE_TARGET, "An earlier request already restores"
              + " into claim " + target + "; this one is left out. Restore one claim at a time into it, or give"
              + " each backup its own target with --to NAME."));
    }
    return RestorePlan.of(decisions);
  }

  /** Settings of a {@link RestorePlanner}. Each setter may be called once; every setting has a default. */
  public static final class Builder {
    private NodeResolver nodeResolver = NodeResolver.defaultChain();
    private boolean nodeResolverSet;

    private Builder() {}

    /**
     * The chain of rules that places ReadWriteOnce and ReadWriteOncePod target claims; give the one
     * the backups were planned with, so that restores run where backups do. Default {@link
     * NodeResolver#defaultChain()}.
     *
     * @throws IllegalStateException if already set
     */
    public Builder nodeResolver(NodeResolver nodeResolver) {
      checkState(!nodeResolverSet, "nodeResolver is already set");
      this.nodeResolver = checkNotNull(nodeResolver, "nodeResolver");
      nodeResolverSet = true;
      return this;
    }

    /** A planner with these settings. */
    public RestorePlanner build() {
      return new RestorePlanner(this);
    }
  }
}
