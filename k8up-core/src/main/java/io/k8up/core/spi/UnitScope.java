package io.k8up.core.spi;

/** Which claims a strategy backs up together, in one unit of work. */
public enum UnitScope {
  /** Each claim alone. */
  CLAIM,
  /** The claims of one namespace that share a node-pinning placement; claims that go anywhere stay alone. */
  NODE,
  /** The claims of one namespace that one pod mounts: for strategies that work inside that pod. */
  POD
}
