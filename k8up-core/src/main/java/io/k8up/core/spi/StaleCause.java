package io.k8up.core.spi;

/** Why a unit's placement went stale, which tells whether the same placement is worth another try. */
public enum StaleCause {
  /**
   * The placement itself was refused: the scheduler found no node for the pod, or the volume
   * could not be attached or mounted there. Placed the same way again, it would be refused again.
   */
  PLACEMENT_REFUSED,
  /** The pod went away (its node was deleted or drained, or the pod was replaced): the same placement may work. */
  POD_GONE;

  /** Whether a fresh plan that places the claims the same way should be tried again. */
  public boolean retriesSamePlacement() {
    return this == POD_GONE;
  }
}
