package io.k8up.core.internal.snapshot;

import com.google.common.base.Strings;
import com.google.common.collect.ImmutableList;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.model.Node;
import io.k8up.core.model.Taint;
import java.io.IOException;

/** The fields of a node that {@link Node} needs: its names and taints. */
final class NodeFields extends ObjectFields {

  private ImmutableList<Taint> taints = ImmutableList.of();

  @Override
  void field(String key, FieldReader reader) throws IOException {
    if (key.equals("spec")) {
      reader.member("taints", () -> taints = taints(reader));
    } else {
      reader.skip();
    }
  }

  private static ImmutableList<Taint> taints(FieldReader reader) throws IOException {
    ImmutableList.Builder<Taint> taints = ImmutableList.builder();
    if (!reader.enterList()) {
      return taints.build();
    }
    while (reader.nextElement()) {
      if (!reader.enterMap()) {
        continue;
      }
      String key = null;
      String value = null;
      String effect = null;
      for (String next = reader.nextKey(); next != null; next = reader.nextKey()) {
        switch (next) {
          case "key" -> key = reader.sharedString();
          case "value" -> value = reader.sharedString();
          case "effect" -> effect = reader.sharedString();
          case "timeAdded" -> reader.dateTime();
          default -> reader.skip();
        }
      }
      // The API server requires key and effect; a taint without them, possible only in a
      // hand-written file, repels no pod.
      if (!Strings.isNullOrEmpty(key) && !Strings.isNullOrEmpty(effect)) {
        taints.add(Taint.builder().key(key).value(nonBlank(value)).effect(effect).build());
      }
    }
    return taints.build();
  }

  @Override
  Object build() {
    return Node.builder()
        .name(name)
        .hostname(nonBlank(labels.get(K8upAnnotations.HOSTNAME_LABEL)))
        .taints(taints)
        .build();
  }
}
