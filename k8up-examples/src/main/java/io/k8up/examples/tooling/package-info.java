/**
 * An example of custom tooling on the library: {@link io.k8up.examples.tooling.GitOpsExport}
 * plans a cluster snapshot and writes the manifests, the plan and a summary as files another
 * system (a GitOps repository, a review) takes over.
 */
package io.k8up.examples.tooling;
