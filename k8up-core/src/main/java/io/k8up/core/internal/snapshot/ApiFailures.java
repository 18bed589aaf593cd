package io.k8up.core.internal.snapshot;

import io.k8up.core.snapshot.SnapshotException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;

/** Turns a failed list request into a message naming the server, verb and resource. */
final class ApiFailures {

  private final String server;
  private final ListedResource resource;

  ApiFailures(String server, ListedResource resource) {
    this.server = server;
    this.resource = resource;
  }

  SnapshotException forStatus(int code, String body) {
    String grantScope = resource.namespace().map(ns -> " in namespace " + ns).orElse("");
    return switch (code) {
      case 401 -> new SnapshotException("unauthorized: the Kubernetes API server at " + server
          + " did not accept the credentials to list " + resource
          + "; check the kubeconfig or token");
      case 403 -> new SnapshotException("forbidden: cannot list " + resource + "; grant \"list\" on "
          + resource.resource() + grantScope);
      case 404 -> new SnapshotException("not found: listing " + resource + " answered 404"
          + resource.namespace().map(ns -> "; check that namespace " + ns + " exists").orElse(""));
      case 0 -> new SnapshotException("cannot list " + resource + " at " + server);
      default -> new SnapshotException("the Kubernetes API server at " + server + " answered HTTP "
          + code + " to listing " + resource + StatusMessage.suffix(body));
    };
  }

  SnapshotException forConnection(IOException e) {
    String listing = " to list " + resource;
    if (e instanceof ConnectException) {
      return new SnapshotException("cannot connect to the Kubernetes API server at " + server
          + listing + ": connection refused; check the server address and that the cluster is"
          + " reachable", e);
    }
    if (e instanceof UnknownHostException) {
      return new SnapshotException("cannot connect to the Kubernetes API server at " + server
          + listing + ": unknown host", e);
    }
    if (e instanceof InterruptedIOException) {
      return new SnapshotException("the Kubernetes API server at " + server
          + " did not answer in time" + listing, e);
    }
    if (e instanceof SSLException) {
      return new SnapshotException("TLS with the Kubernetes API server at " + server + " failed"
          + listing + "; check its certificate authority in the kubeconfig", e);
    }
    return new SnapshotException("cannot reach the Kubernetes API server at " + server + listing
        + ": " + e.getClass().getSimpleName(), e);
  }

  SnapshotException empty() {
    return new SnapshotException("the Kubernetes API server at " + server
        + " answered listing " + resource + " with an empty body");
  }

  SnapshotException unreadable(String problem, Exception cause) {
    return new SnapshotException("the Kubernetes API server at " + server
        + " answered listing " + resource + " with a list this library cannot read: " + problem,
        cause);
  }
}
