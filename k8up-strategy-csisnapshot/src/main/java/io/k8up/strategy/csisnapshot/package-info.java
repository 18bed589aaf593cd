/**
 * The {@code csi-snapshot} volume-access strategy: a VolumeSnapshot of each claim, a temporary
 * claim restored from it, and a Job that backs the temporary claim up read-only at {@code
 * /data/<claim>}. It needs no node, so it reaches claims no node-bound strategy can place.
 *
 * <p>The entry point is {@link io.k8up.strategy.csisnapshot.CsiSnapshotStrategyProvider}, found
 * through {@link java.util.ServiceLoader} by {@link io.k8up.core.spi.InstalledStrategies}; the rest
 * of the module is internal. Requirements, RBAC and cost are in {@code
 * docs/strategies/csi-snapshot.md}.
 */
package io.k8up.strategy.csisnapshot;
