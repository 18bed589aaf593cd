package io.k8up.core.spi;

/** How the claims of a plan are gathered into units of work. */
public enum Grouping {
  /** One unit per claim: a failure touches one claim only. The default. */
  PER_CLAIM,
  /**
   * One unit per namespace, strategy and node-pinning placement, with all its claims: fewer pods,
   * as K8up does. Claims that may go anywhere stay one unit each.
   */
  PER_NODE
}
