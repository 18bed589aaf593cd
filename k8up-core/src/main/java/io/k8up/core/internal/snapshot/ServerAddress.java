package io.k8up.core.internal.snapshot;

import java.net.URI;
import java.net.URISyntaxException;

/** The API server's address as messages may show it. */
final class ServerAddress {

  private ServerAddress() {}

  /** {@code basePath} without user information, query or fragment, which may hold credentials. */
  static String withoutCredentials(String basePath) {
    try {
      URI uri = new URI(basePath);
      if (uri.getHost() == null) {
        return "the configured server";
      }
      return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null)
          .toString();
    } catch (URISyntaxException | NullPointerException e) {
      return "the configured server";
    }
  }
}
