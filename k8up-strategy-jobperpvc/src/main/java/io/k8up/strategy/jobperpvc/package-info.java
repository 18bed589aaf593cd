/**
 * The {@code job-per-pvc} volume-access strategy: one batch/v1 Job per unit of claims, scheduled
 * where the claims' volume can be mounted, each claim mounted read-only at {@code /data/<claim>}.
 *
 * <p>The entry point is {@link io.k8up.strategy.jobperpvc.JobPerPvcStrategyProvider}, found through
 * {@link java.util.ServiceLoader} by {@link io.k8up.core.spi.InstalledStrategies}; the rest of the
 * module is internal. How the Jobs are placed and secured is in {@code docs/strategies/job-per-pvc.md}.
 */
package io.k8up.strategy.jobperpvc;
