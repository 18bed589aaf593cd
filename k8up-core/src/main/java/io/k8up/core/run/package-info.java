/**
 * Running a plan: running its strategies' workflows, within limits, following them to the
 * end, cleaning up, and reporting one outcome per decision.
 *
 * <p>The entry point is {@link io.k8up.core.run.BackupExecutor} ({@code
 * BackupExecutor.builder()...build().run(plan, snapshot)}, or {@code K8upRwo.run()}), set by
 * {@link io.k8up.core.run.ExecutorOptions} and {@link io.k8up.core.spi.BackupToolSpec}; it returns
 * a {@link io.k8up.core.run.BackupReport}, which {@link io.k8up.core.run.ReportJson} writes in its
 * versioned JSON form. {@link io.k8up.core.run.Manifests} stops before the cluster: the objects a
 * run would create. {@link io.k8up.core.run.Sweeper} deletes what killed runs left behind.
 * {@link io.k8up.core.run.RestoreExecutor} runs a restore plan on the same engine, reported as a
 * {@link io.k8up.core.run.RestoreReport}; {@link io.k8up.core.run.RestoreManifests} shows what it
 * would create. Only the executors and the sweeper talk to the API server.
 */
package io.k8up.core.run;

import io.k8up.core.spi.BackupToolSpec;
