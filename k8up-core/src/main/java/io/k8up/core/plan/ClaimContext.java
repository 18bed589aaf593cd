package io.k8up.core.plan;

import io.k8up.core.model.Claim;
import io.k8up.core.model.PersistentVolume;
import io.k8up.core.model.Pod;
import io.k8up.core.snapshot.ClusterSnapshot;
import java.util.List;

/**
 * What a {@link NodeResolutionRule} knows about the bound claim it places: the claim, its volume,
 * and the pods that mount it.
 */
public interface ClaimContext {

  Claim claim();

  /** The PersistentVolume the claim is bound to. */
  PersistentVolume volume();

  /**
   * The pods of the claim's namespace that mount it and hold it now: scheduled to a node, neither
   * terminated nor being deleted, and not created by this library. Sorted by name; any phase but
   * Succeeded and Failed.
   */
  List<Pod> mountingPods();

  /** The whole snapshot, for rules that need more. */
  ClusterSnapshot snapshot();
}
