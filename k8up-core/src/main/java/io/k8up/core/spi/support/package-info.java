/**
 * Building blocks every volume-access strategy shares, so that each rule lives in one place: the
 * user and groups a backup runs as ({@link io.k8up.core.spi.support.BackupIdentity}), the security
 * contexts that follow from it ({@link io.k8up.core.spi.support.SecurityContexts}), the backup
 * tool's container ({@link io.k8up.core.spi.support.ToolContainer}), the claim volumes and their
 * mounts at {@code /data/<claim>} ({@link io.k8up.core.spi.support.PodVolumes}) and the shape of a
 * backup Job ({@link io.k8up.core.spi.support.BackupJobs}), and the step that follows a Job to its end
 * ({@link io.k8up.core.spi.support.JobSteps}, reading its pods through {@link io.k8up.core.spi.support.PodSignals}).
 * For restores: the restore Job, ephemeral container and new claim ({@link
 * io.k8up.core.spi.support.RestoreJobs}), the command that picks and restores a backup ({@link
 * io.k8up.core.spi.support.ResticRestoreCommand}) and the steps that follow them to their end with
 * what they restored ({@link io.k8up.core.spi.support.RestoreSteps}, {@link
 * io.k8up.core.spi.support.RestoreResult}).
 *
 * <p>The entry point for a strategy that backs claims up with a Job is {@link
 * io.k8up.core.spi.support.BackupJobs}. Everything here is pure and thread-safe: equal inputs give
 * equal objects, and nothing calls the API server. It builds on the SPI, the model and client-java's
 * models only, never on the executor (the build checks it).
 */
@Value.Style(
    typeImmutable = "Immutable*",
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    defaults = @Value.Immutable(copy = false))
package io.k8up.core.spi.support;

import org.immutables.value.Value;
