package io.k8up.examples.operator;

import io.kubernetes.client.common.KubernetesListObject;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.informer.ListerWatcher;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.util.CallGeneratorParams;
import io.kubernetes.client.util.Watchable;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import io.kubernetes.client.util.generic.options.ListOptions;
import java.util.Optional;

/** A {@link ListerWatcher} on client-java's generic API, in one namespace or cluster-wide. */
final class ApiListerWatcher<T extends KubernetesObject, L extends KubernetesListObject> implements ListerWatcher<T, L> {

  private final GenericKubernetesApi<T, L> api;
  private final Optional<String> namespace;

  private ApiListerWatcher(GenericKubernetesApi<T, L> api, Optional<String> namespace) {
    this.api = api;
    this.namespace = namespace;
  }

  static <T extends KubernetesObject, L extends KubernetesListObject> ApiListerWatcher<T, L> inNamespace(
      GenericKubernetesApi<T, L> api, String namespace) {
    return new ApiListerWatcher<>(api, Optional.of(namespace));
  }

  static <T extends KubernetesObject, L extends KubernetesListObject> ApiListerWatcher<T, L> clusterScoped(
      GenericKubernetesApi<T, L> api) {
    return new ApiListerWatcher<>(api, Optional.empty());
  }

  @Override
  public L list(CallGeneratorParams params) throws ApiException {
    ListOptions options = options(params);
    return (namespace.isPresent() ? api.list(namespace.get(), options) : api.list(options))
        .throwsApiException()
        .getObject();
  }

  @Override
  public Watchable<T> watch(CallGeneratorParams params) throws ApiException {
    ListOptions options = options(params);
    return namespace.isPresent() ? api.watch(namespace.get(), options) : api.watch(options);
  }

  private static ListOptions options(CallGeneratorParams params) {
    return new ListOptions().resourceVersion(params.resourceVersion).timeoutSeconds(params.timeoutSeconds);
  }
}
