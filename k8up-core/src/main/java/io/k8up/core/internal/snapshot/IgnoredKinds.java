package io.k8up.core.internal.snapshot;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Counts the objects a reader skipped, by kind, to tell the user in one note. */
final class IgnoredKinds {

  private final Map<String, Integer> countByKind = new TreeMap<>();

  void add(String kind) {
    countByKind.merge(kind, 1, Integer::sum);
  }

  /** E.g. {@code ignored 3 objects of kind Deployment, 1 of kind Service}; empty if none. */
  Optional<String> note() {
    if (countByKind.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder note = new StringBuilder("ignored ");
    boolean first = true;
    for (Map.Entry<String, Integer> entry : countByKind.entrySet()) {
      if (!first) {
        note.append(", ");
      }
      note.append(entry.getValue());
      if (first) {
        note.append(entry.getValue() == 1 ? " object" : " objects");
      }
      note.append(" of kind ").append(entry.getKey());
      first = false;
    }
    return Optional.of(note.toString());
  }
}
