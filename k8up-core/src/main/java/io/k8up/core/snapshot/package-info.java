/**
 * The cluster picture the planner reads, and how to obtain it.
 *
 * <p>{@link io.k8up.core.snapshot.ClusterSnapshot} holds claims, PersistentVolumes and pods, and
 * Nodes when they were read. Read one from a YAML or JSON file with {@link
 * io.k8up.core.snapshot.SnapshotFiles}, from a live cluster with {@link
 * io.k8up.core.snapshot.LiveSnapshots}, or build one with {@link
 * io.k8up.core.snapshot.ClusterSnapshot#of}, or from client-java objects, such as informer caches,
 * with {@link io.k8up.core.snapshot.ClusterSnapshots#of}. Both readers report failures as a {@link
 * io.k8up.core.snapshot.SnapshotException} whose message is one actionable line.
 */
package io.k8up.core.snapshot;
