/**
 * How the {@code ephemeral-container} strategy decides whether it can enter a pod and turns a unit
 * into an ephemeral container: the holding pod, its volumes, the tool's container and the user it
 * runs as. Not API: {@link io.k8up.strategy.ephemeral.internal.ClaimSupport} and {@link
 * io.k8up.strategy.ephemeral.internal.ContainerMaterializer} are public only for the strategy to
 * call.
 */
package io.k8up.strategy.ephemeral.internal;
