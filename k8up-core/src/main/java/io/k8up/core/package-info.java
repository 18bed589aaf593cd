/**
 * k8up-rwo's entry point: {@link io.k8up.core.K8upRwo}, the whole library in one object.
 *
 * <p>Set up once where the cluster comes from (a live cluster through an {@code ApiClient}, or a
 * fixed {@link io.k8up.core.snapshot.ClusterSnapshot}), which strategies to use and how to run;
 * then {@code snapshot()}, {@code plan(snapshot)}, {@code manifests(plan, snapshot)}, {@code
 * run(plan, snapshot)} and {@code sweep(...)}. Underneath are the packages it wires together:
 * {@link io.k8up.core.snapshot} reads, {@link io.k8up.core.plan} decides (purely), {@link
 * io.k8up.core.spi} is what strategies implement, {@link io.k8up.core.run} runs and reports.
 * {@link io.k8up.core.TerminalText} escapes text from the cluster for a terminal. Packages named
 * {@code internal} are not API.
 */
package io.k8up.core;
