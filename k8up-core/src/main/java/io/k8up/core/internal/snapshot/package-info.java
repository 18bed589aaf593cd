/**
 * How {@link io.k8up.core.snapshot.SnapshotFiles} and {@link io.k8up.core.snapshot.LiveSnapshots}
 * turn YAML, JSON and API responses into a {@link io.k8up.core.snapshot.ClusterSnapshot}: a
 * hardened SnakeYAML, a lenient Gson for client-java's models, and the checks that name each
 * problem's document, object and field.
 */
package io.k8up.core.internal.snapshot;
