/**
 * How the {@code job-per-pvc} strategy turns a unit into a Job: which pods mount its claims and
 * where the Job is placed; the Job's shape, volumes, container and identity are the shared {@link
 * io.k8up.core.spi.support} ones. Not API: {@link
 * io.k8up.strategy.jobperpvc.internal.JobMaterializer} is public only for the strategy to call.
 */
package io.k8up.strategy.jobperpvc.internal;
