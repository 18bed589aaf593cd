package io.k8up.core.internal.run;

import java.util.Optional;

/**
 * A unit the engine runs, whatever its kind (a claim unit's workflow, or a pod's backup command):
 * what the run's limits count.
 */
interface Running {

  /** The id the running set knows it by. */
  String key();

  String namespace();

  /** Where it counts for the per-node limit; empty when it counts against no node. */
  Optional<NodeSlot> nodeSlot();
}
