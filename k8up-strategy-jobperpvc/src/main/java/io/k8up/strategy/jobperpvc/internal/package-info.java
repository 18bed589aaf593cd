/**
 * How the {@code job-per-pvc} strategy turns a unit into a Job: placement, volumes, the tool's
 * container and the user it runs as. Not API: {@link
 * io.k8up.strategy.jobperpvc.internal.JobMaterializer} is public only for the strategy to call.
 */
@Value.Style(
    typeImmutable = "Immutable*",
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    defaults = @Value.Immutable(copy = false))
package io.k8up.strategy.jobperpvc.internal;

import org.immutables.value.Value;
