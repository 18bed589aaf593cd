/**
 * The service-provider interface for volume-access strategies: the ways a backup reaches a
 * claim's volume (a Job on its node, an ephemeral container in the pod that holds it, a CSI
 * snapshot, or a strategy of your own).
 *
 * <p>A strategy module implements {@link io.k8up.core.spi.VolumeAccessStrategyProvider} and lists
 * it in {@code META-INF/services/io.k8up.core.spi.VolumeAccessStrategyProvider}; {@link
 * io.k8up.core.spi.InstalledStrategies} finds the providers on the class path and orders the
 * strategies by the caller's preference.
 */
@Value.Style(
    typeImmutable = "Immutable*",
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    defaults = @Value.Immutable(copy = false))
package io.k8up.core.spi;

import org.immutables.value.Value;
