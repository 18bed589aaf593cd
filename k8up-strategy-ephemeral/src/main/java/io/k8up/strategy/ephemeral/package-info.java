/**
 * The {@code ephemeral-container} volume-access strategy: one ephemeral container per unit, added
 * to the running pod that holds the unit's claims, mounting that pod's own volumes read-only at
 * {@code /data/<claim>}. The only way into a ReadWriteOncePod volume that a running pod holds.
 *
 * <p>The entry point is {@link io.k8up.strategy.ephemeral.EphemeralContainerStrategyProvider},
 * found through {@link java.util.ServiceLoader} by {@link io.k8up.core.spi.InstalledStrategies};
 * the rest of the module is internal. What the container looks like, why, and its caveats are in
 * {@code docs/strategies/ephemeral-container.md}.
 */
package io.k8up.strategy.ephemeral;
