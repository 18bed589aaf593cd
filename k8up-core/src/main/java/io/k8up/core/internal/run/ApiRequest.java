package io.k8up.core.internal.run;

import io.k8up.core.internal.snapshot.ApiLister.CallBuilder;

/**
 * One request to the API server, described as an RBAC rule would name it, so that a refusal can
 * say what to grant.
 *
 * @param verb the RBAC verb, such as {@code create}
 * @param resource the plural resource, such as {@code jobs}
 * @param group the API group, empty for the core group
 * @param namespace the namespace the request is made in
 * @param call builds the HTTP call; called once per attempt
 */
record ApiRequest(String verb, String resource, String group, String namespace, CallBuilder call) {

  /** E.g. {@code create jobs.batch in namespace shop}. */
  @Override
  public String toString() {
    return verb + " " + resource + (group.isEmpty() ? "" : "." + group) + " in namespace " + namespace;
  }
}
