/**
 * k8up-rwo on the fabric8 Kubernetes client, the client of the Java Operator SDK.
 *
 * <p>{@link io.k8up.fabric8.Fabric8Gateway} is the library's {@link io.k8up.core.kube.KubeGateway}
 * on a fabric8 {@code KubernetesClient}; {@link io.k8up.fabric8.Fabric8Snapshots} builds the
 * {@link io.k8up.core.snapshot.ClusterSnapshot} the planner reads from fabric8 objects an operator
 * already holds, such as its informer caches, with the same result as the client-java path.
 */
package io.k8up.fabric8;
