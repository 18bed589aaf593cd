package io.k8up.core.kube;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An object as it is sent to the API server. client-java initializes every list and map of its
 * models to an empty one and serializes them; Kubernetes takes an empty list for an absent one,
 * but rejects a pod whose {@code overhead} is set, even to an empty map, unless its RuntimeClass
 * defines one (kubernetes-client/java#3285). Empty lists and empty {@code overhead} maps are
 * therefore left out.
 */
public final class WireForm {

  private static final JSON JSON = new JSON();

  private WireForm() {}

  /** The JSON tree of {@code object}, a client-java model, without empty lists and empty overheads. */
  public static JsonObject of(Object object) {
    JsonObject tree = object instanceof DynamicKubernetesObject dynamic
        ? dynamic.getRaw().deepCopy() : JSON.getGson().toJsonTree(object).getAsJsonObject();
    prune(tree);
    return tree;
  }

  private static void prune(JsonElement element) {
    if (element.isJsonArray()) {
      element.getAsJsonArray().forEach(WireForm::prune);
    } else if (element.isJsonObject()) {
      JsonObject object = element.getAsJsonObject();
      List<String> empty = new ArrayList<>();
      for (Map.Entry<String, JsonElement> member : object.entrySet()) {
        JsonElement value = member.getValue();
        prune(value);
        if ((value.isJsonArray() && ((JsonArray) value).isEmpty())
            || (member.getKey().equals("overhead") && value.isJsonObject() && ((JsonObject) value).isEmpty())) {
          empty.add(member.getKey());
        }
      }
      empty.forEach(object::remove);
    }
  }
}
