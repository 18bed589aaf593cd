/**
 * How fabric8's objects, answers and failures become the library's: JSON between Jackson and Gson,
 * client-java models read leniently, failures mapped to {@link io.k8up.core.kube.KubeFailure}, exec
 * sessions. Not API.
 */
package io.k8up.fabric8.internal;
