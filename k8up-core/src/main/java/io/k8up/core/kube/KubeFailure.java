package io.k8up.core.kube;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;

/**
 * A call the API server refused, or that got no answer, after any retries: the one failure type of
 * every {@link KubeGateway}, with the one wording of what went wrong and what to do about it.
 */
public final class KubeFailure extends Exception {

  private static final long serialVersionUID = 1L;
  private static final int MAX_STATUS_MESSAGE = 200;

  private final int code;
  private final transient KubeRequest request;

  private KubeFailure(int code, KubeRequest request, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.request = request;
  }

  /**
   * The server answered {@code code} to {@code request}; {@code statusMessage} is the message of
   * the Status it sent, or empty.
   */
  public static KubeFailure status(KubeRequest request, String server, int code, String statusMessage) {
    String said = statusMessage.isBlank() ? "" : ": " + shortened(statusMessage);
    String message = switch (code) {
      case 401 -> "unauthorized: the Kubernetes API server at " + server + " did not accept the credentials to "
          + request + "; check the kubeconfig or token";
      case 403 -> "forbidden: cannot " + request + "; grant " + request.grant();
      case 404 -> "not found: " + request + " answered 404" + said + "; check that the server at " + server
          + " is a Kubernetes API server that serves " + request.type().plural() + " (it answers an empty list, not"
          + " 404, for a namespace that does not exist)";
      case 409 -> "conflict: " + request + said;
      default -> "the Kubernetes API server at " + server + " answered HTTP " + code + " to " + request + said;
    };
    return new KubeFailure(code, request, message, null);
  }

  /** {@code request} got no answer from the server at {@code server}: it broke with {@code cause}. */
  public static KubeFailure noAnswer(KubeRequest request, String server, IOException cause) {
    String to = " to " + request;
    String message;
    if (cause instanceof ConnectException) {
      message = "cannot connect to the Kubernetes API server at " + server + to
          + ": connection refused; check the server address and that the cluster is reachable";
    } else if (cause instanceof UnknownHostException) {
      message = "cannot connect to the Kubernetes API server at " + server + to + ": unknown host";
    } else if (cause instanceof InterruptedIOException) {
      message = "the Kubernetes API server at " + server + " did not answer in time" + to;
    } else if (cause instanceof SSLException) {
      message = "TLS with the Kubernetes API server at " + server + " failed" + to
          + "; check its certificate authority in the kubeconfig";
    } else {
      message = "cannot reach the Kubernetes API server at " + server + to + ": " + cause.getClass().getSimpleName();
    }
    return new KubeFailure(0, request, message, cause);
  }

  /**
   * A paged list failed because its continue token expired a second time, {@code second} being
   * the server's answer: the list changed, or took too long, twice.
   */
  public static KubeFailure expiredTwice(KubeFailure second) {
    return new KubeFailure(second.code, second.request, "listing " + second.request.target() + " failed: the API"
        + " server's continue token expired twice (410 Gone), so the list changed or took too long twice; try again,"
        + " or with larger pages", second);
  }

  /** The server answered {@code request} with something that is not what was asked for. */
  public static KubeFailure unreadable(KubeRequest request, String server, String problem) {
    return new KubeFailure(0, request, "the Kubernetes API server at " + server + " answered " + request
        + " with something this library cannot read: " + problem, null);
  }

  /** The message of the Status object in {@code body}, or empty. */
  public static String statusMessage(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    try {
      JsonElement status = JsonParser.parseString(body);
      JsonElement message = status.isJsonObject() ? status.getAsJsonObject().get("message") : null;
      return message != null && message.isJsonPrimitive() ? message.getAsString() : "";
    } catch (JsonParseException e) {
      return "";
    }
  }

  /** {@code basePath} without user information, query or fragment, which may hold credentials. */
  public static String serverAddress(String basePath) {
    try {
      URI uri = new URI(basePath);
      if (uri.getHost() == null) {
        return "the configured server";
      }
      return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
    } catch (URISyntaxException | NullPointerException e) {
      return "the configured server";
    }
  }

  /** The HTTP status, or 0 when no (readable) answer came. */
  public int code() {
    return code;
  }

  /** The call that failed. */
  public KubeRequest request() {
    return request;
  }

  /** Whether the server refused the call for want of a permission (403). */
  public boolean isForbidden() {
    return code == 403;
  }

  /** Whether the object exists already, or changed since a precondition was read (409). */
  public boolean isConflict() {
    return code == 409;
  }

  /** Whether the object, or the type, does not exist (404). */
  public boolean isNotFound() {
    return code == 404;
  }

  /** Whether trying again later may succeed: throttling, a server error, or no answer. */
  public boolean isTransient() {
    return code == 0 || code == 429 || code == 500 || code == 502 || code == 503 || code == 504;
  }

  private static String shortened(String text) {
    String line = text.strip().replaceAll("\\s+", " ");
    return line.length() > MAX_STATUS_MESSAGE ? line.substring(0, MAX_STATUS_MESSAGE) + "…" : line;
  }
}
