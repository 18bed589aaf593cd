package io.k8up.core.kube;

import com.google.gson.JsonObject;

/** Receives the objects of a paged list as the pages arrive. */
public interface ListConsumer {

  /** One object of the list. */
  void accept(JsonObject item);

  /**
   * The list starts over from its first page, because the server forgot where it was (its
   * continue token expired): drop what {@link #accept} received so far.
   */
  void restart();
}
