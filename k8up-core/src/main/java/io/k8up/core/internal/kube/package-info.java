/**
 * The one gateway through which the library talks to a Kubernetes API server: {@link
 * io.k8up.core.internal.kube.KubeGateway}, with one failure type ({@link
 * io.k8up.core.internal.kube.KubeFailure}) and one retry policy ({@link
 * io.k8up.core.internal.kube.RetryingGateway}) whatever client implements it.
 */
package io.k8up.core.internal.kube;
