/**
 * How {@link io.k8up.core.snapshot.SnapshotFiles} and {@link io.k8up.core.snapshot.LiveSnapshots}
 * turn YAML, JSON and API responses into a {@link io.k8up.core.snapshot.ClusterSnapshot}: token
 * streams over Gson's JSON reader and snakeyaml-engine's events within {@link
 * io.k8up.core.internal.snapshot.ReadLimits}, one tree per object, a Gson for client-java's
 * models that reads strings, numbers and quantities strictly, paged live lists, and the checks
 * that name each problem's document, object and field.
 */
package io.k8up.core.internal.snapshot;
