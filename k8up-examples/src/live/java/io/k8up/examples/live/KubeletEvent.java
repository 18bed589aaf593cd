package io.k8up.examples.live;

import com.google.common.collect.ImmutableList;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * One line of {@code fake_kubelet.py}'s log: a pod or an ephemeral container that started or
 * finished on a node, at a time in seconds.
 *
 * @param event running, finished, ephemeral-started, ephemeral-finished, snapshot-ready or provisioned
 * @param pod the pod's name; empty for snapshot events
 * @param node the node the pod runs on; empty for snapshot events
 * @param job whether a Job made the pod (for running events)
 * @param claims the claims the pod mounts (for running and finished events)
 * @param owners the pod's owners' names: its Job's
 * @param container the ephemeral container's name (for ephemeral events)
 * @param snapshot the VolumeSnapshot made ready (for snapshot-ready events)
 * @param source the claim that snapshot is of (for snapshot-ready events)
 * @param time when, in seconds since the epoch
 */
record KubeletEvent(String event, String pod, String node, boolean job, ImmutableList<String> claims,
    ImmutableList<String> owners, String container, String snapshot, String source, double time) {

  static KubeletEvent parse(String line) {
    JsonObject json = JsonParser.parseString(line).getAsJsonObject();
    return new KubeletEvent(text(json, "event"), text(json, "pod"), text(json, "node"),
        json.has("job") && json.get("job").getAsBoolean(), texts(json, "claims"), texts(json, "owner"),
        text(json, "container"), text(json, "snapshot"), text(json, "source"), json.get("t").getAsDouble());
  }

  /** Whether this starts a backup: a Job's pod running, or an ephemeral container started. */
  boolean startsBackup() {
    return (event.equals("running") && job) || event.equals("ephemeral-started");
  }

  /** Whether this ends a backup that {@link #startsBackup} started. */
  boolean endsBackup() {
    return event.equals("finished") || event.equals("ephemeral-finished");
  }

  /** The pod, or the pod and its ephemeral container: what one backup runs in. */
  String runner() {
    return container.isEmpty() ? pod : pod + "/" + container;
  }

  private static String text(JsonObject json, String field) {
    JsonElement element = json.get(field);
    return element == null || element.isJsonNull() ? "" : element.getAsString();
  }

  private static ImmutableList<String> texts(JsonObject json, String field) {
    if (!(json.get(field) instanceof JsonArray array)) {
      return ImmutableList.of();
    }
    ImmutableList.Builder<String> values = ImmutableList.builder();
    array.forEach(value -> values.add(value.getAsString()));
    return values.build();
  }
}
