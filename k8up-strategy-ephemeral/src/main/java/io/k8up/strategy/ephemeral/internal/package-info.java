/**
 * How the {@code ephemeral-container} strategy decides whether it can enter a pod and turns a unit
 * into an ephemeral container in the pod that holds the claims; the container, its mounts and the
 * user it runs as are the shared {@link io.k8up.core.spi.support} ones. Not API: {@link
 * io.k8up.strategy.ephemeral.internal.ClaimSupport} and {@link
 * io.k8up.strategy.ephemeral.internal.ContainerMaterializer} are public only for the strategy to
 * call.
 */
package io.k8up.strategy.ephemeral.internal;
