package io.k8up.fabric8.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.k8up.core.kube.KubeFailure;
import io.k8up.core.kube.KubeRequest;
import io.k8up.core.spi.ResourceType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Requests sent through the fabric8 client's own HTTP client (its credentials, TLS and timeout),
 * for the calls its DSL cannot make as one request: a delete with a uid precondition, a patch of a
 * subresource (its DSL reads the object first), and a discovery document read as it came.
 */
public final class RawRequests {

  private final KubernetesClient client;
  private final Fabric8Failures failures;

  private RawRequests(KubernetesClient client, Fabric8Failures failures) {
    this.client = client;
    this.failures = failures;
  }

  /** Requests through {@code client}, whose failures {@code failures} maps. */
  public static RawRequests of(KubernetesClient client, Fabric8Failures failures) {
    return new RawRequests(client, failures);
  }

  /**
   * Sends {@code method} with the JSON {@code body} of {@code contentType} to the object (and
   * {@code subresource}) of {@code request}, in {@code namespace}, named {@code name}.
   *
   * @return the answer's JSON object, or empty for a 404 when {@code notFoundIsFine}
   * @throws KubeFailure if the server refuses, does not answer, or answers with something else
   */
  public Optional<JsonObject> send(KubeRequest request, String namespace, String name, String method,
      String contentType, String body, boolean notFoundIsFine) throws KubeFailure, InterruptedException {
    HttpRequest sent = client.getHttpClient().newHttpRequestBuilder()
        .uri(objectUrl(request, namespace, name))
        .method(method, contentType, body)
        .build();
    CompletableFuture<HttpResponse<String>> pending = client.getHttpClient().sendAsync(sent, String.class);
    HttpResponse<String> response;
    try {
      response = pending.get(client.getConfiguration().getRequestTimeout(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      pending.cancel(true);
      throw failures.of(request, new KubernetesClientException("no answer", e));
    } catch (InterruptedException e) {
      pending.cancel(true);
      throw e;
    }
    if (notFoundIsFine && response.code() == 404) {
      return Optional.empty();
    }
    if (!response.isSuccessful()) {
      throw failures.ofAnswer(request, response.code(), response.body());
    }
    try {
      JsonElement answer = JsonParser.parseString(response.body() == null ? "" : response.body());
      if (!answer.isJsonObject()) {
        throw KubeFailure.unreadable(request, failures.server(), "not an object");
      }
      return Optional.of(answer.getAsJsonObject());
    } catch (JsonParseException e) {
      throw KubeFailure.unreadable(request, failures.server(), "not JSON");
    }
  }

  /**
   * The discovery document at {@code path}, such as {@code /api/v1}; empty when it cannot be read
   * (not served, refused, no answer, not a JSON object), as discovery only tells what is known.
   */
  public Optional<JsonObject> discovery(String path) throws InterruptedException {
    HttpRequest sent = client.getHttpClient().newHttpRequestBuilder()
        .uri(client.getMasterUrl().toString().replaceAll("/+$", "") + path)
        .build();
    CompletableFuture<HttpResponse<String>> pending = client.getHttpClient().sendAsync(sent, String.class);
    try {
      HttpResponse<String> response = pending.get(client.getConfiguration().getRequestTimeout(), TimeUnit.MILLISECONDS);
      if (!response.isSuccessful() || response.body() == null) {
        return Optional.empty();
      }
      JsonElement answer = JsonParser.parseString(response.body());
      return answer.isJsonObject() ? Optional.of(answer.getAsJsonObject()) : Optional.empty();
    } catch (ExecutionException | TimeoutException | JsonParseException e) {
      pending.cancel(true);
      return Optional.empty();
    } catch (InterruptedException e) {
      pending.cancel(true);
      throw e;
    }
  }

  /** The URL of the object (and subresource) of {@code request}, in {@code namespace}, named {@code name}. */
  public String objectUrl(KubeRequest request, String namespace, String name) {
    ResourceType type = request.type();
    String base = client.getMasterUrl().toString().replaceAll("/+$", "");
    String group = type.group().isEmpty() ? "/api/" + type.version() : "/apis/" + type.group() + "/" + type.version();
    return base + group + "/namespaces/" + segment(namespace) + "/" + type.plural() + "/" + segment(name)
        + request.subresource().map(sub -> "/" + sub).orElse("");
  }

  /** {@code text} encoded for a URL's path or query. */
  public static String segment(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
