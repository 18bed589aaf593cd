package io.k8up.core.internal.run;

import io.k8up.core.internal.snapshot.StatusMessage;

/** A request the API server refused, or that could not be made, after any retries. */
final class ApiCallException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int code;

  private ApiCallException(int code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** The HTTP status, or 0 when no answer came. */
  int code() {
    return code;
  }

  boolean isForbidden() {
    return code == 403;
  }

  boolean isConflict() {
    return code == 409;
  }

  boolean isNotFound() {
    return code == 404;
  }

  static ApiCallException forStatus(ApiRequest request, int code, String body) {
    String message = switch (code) {
      case 401 -> "unauthorized: the API server did not accept the credentials to " + request
          + "; check the kubeconfig or token";
      case 403 -> "forbidden: cannot " + request + "; grant \"" + request.verb() + "\" on "
          + request.resource() + (request.group().isEmpty() ? "" : " (apiGroup " + request.group() + ")")
          + " in namespace " + request.namespace();
      default -> "the API server answered HTTP " + code + " to " + request + StatusMessage.suffix(body);
    };
    return new ApiCallException(code, message, null);
  }

  static ApiCallException forConnection(ApiRequest request, Exception cause) {
    return new ApiCallException(0, "no answer from the API server to " + request + ": "
        + cause.getClass().getSimpleName(), cause);
  }

  static ApiCallException unreadable(String resource, String namespace, String problem) {
    return new ApiCallException(0, "cannot read the API server's list of " + resource
        + " in namespace " + namespace + ": " + problem, null);
  }
}
