/**
 * The one gateway through which the library talks to a Kubernetes API server: {@link
 * io.k8up.core.kube.KubeGateway}, with one failure type ({@link io.k8up.core.kube.KubeFailure}) and
 * one retry policy ({@link io.k8up.core.kube.RetryingGateway}) whatever client implements it.
 *
 * <p>{@link io.k8up.core.kube.ClientJavaGateway} implements it on client-java. To run the library
 * on another Kubernetes client, implement {@link io.k8up.core.kube.KubeGateway}: each call made
 * once, its client's failures mapped to {@link io.k8up.core.kube.KubeFailure} through its static
 * factories, then wrapped in {@link io.k8up.core.kube.RetryingGateway}.
 */
package io.k8up.core.kube;
