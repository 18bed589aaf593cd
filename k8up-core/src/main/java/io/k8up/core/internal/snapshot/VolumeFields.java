package io.k8up.core.internal.snapshot;

import com.google.common.collect.ImmutableList;
import io.k8up.core.model.NodeSelectorRequirement;
import io.k8up.core.model.NodeSelectorTerm;
import io.k8up.core.model.PersistentVolume;
import java.io.IOException;

/**
 * The fields of a PersistentVolume that {@link PersistentVolume} needs: its required node
 * affinity, copied term by term without interpreting it, and its CSI driver.
 */
final class VolumeFields extends ObjectFields {

  private ImmutableList<NodeSelectorTerm> terms = ImmutableList.of();
  private String csiDriver;

  @Override
  void field(String key, FieldReader reader) throws IOException {
    if (!key.equals("spec")) {
      reader.skip();
      return;
    }
    if (!reader.enterMap()) {
      return;
    }
    for (String next = reader.nextKey(); next != null; next = reader.nextKey()) {
      switch (next) {
        case "nodeAffinity" -> nodeAffinity(reader);
        case "csi" -> csi(reader);
        case "capacity" -> quantities(reader, "storage");
        case "storageClassName", "persistentVolumeReclaimPolicy", "volumeMode" -> reader.string();
        default -> reader.skip();
      }
    }
  }

  private void csi(FieldReader reader) throws IOException {
    reader.member("driver", () -> csiDriver = reader.sharedString());
  }

  private void nodeAffinity(FieldReader reader) throws IOException {
    reader.member("required", () -> reader.member("nodeSelectorTerms", () -> terms = terms(reader)));
  }

  private static ImmutableList<NodeSelectorTerm> terms(FieldReader reader) throws IOException {
    ImmutableList.Builder<NodeSelectorTerm> terms = ImmutableList.builder();
    if (!reader.enterList()) {
      return terms.build();
    }
    while (reader.nextElement()) {
      // A null entry is not a term Kubernetes would accept; it selects nothing.
      if (!reader.enterMap()) {
        continue;
      }
      var term = NodeSelectorTerm.builder();
      for (String key = reader.nextKey(); key != null; key = reader.nextKey()) {
        switch (key) {
          case "matchExpressions" -> term.matchExpressions(requirements(reader));
          case "matchFields" -> term.matchFields(requirements(reader));
          default -> reader.skip();
        }
      }
      terms.add(term.build());
    }
    return terms.build();
  }

  private static ImmutableList<NodeSelectorRequirement> requirements(FieldReader reader)
      throws IOException {
    ImmutableList.Builder<NodeSelectorRequirement> requirements = ImmutableList.builder();
    if (!reader.enterList()) {
      return requirements.build();
    }
    while (reader.nextElement()) {
      if (!reader.enterMap()) {
        continue;
      }
      String key = null;
      String operator = null;
      ImmutableList<String> values = ImmutableList.of();
      for (String next = reader.nextKey(); next != null; next = reader.nextKey()) {
        switch (next) {
          case "key" -> key = reader.sharedString();
          case "operator" -> operator = reader.sharedString();
          case "values" -> values = nullsAsEmpty(reader);
          default -> reader.skip();
        }
      }
      requirements.add(NodeSelectorRequirement.of(
          key == null ? "" : key, operator == null ? "" : operator, values));
    }
    return requirements.build();
  }

  // A null value in a requirement's values is copied as "", as ModelAdapter copies it.
  private static ImmutableList<String> nullsAsEmpty(FieldReader reader) throws IOException {
    ImmutableList.Builder<String> values = ImmutableList.builder();
    if (!reader.enterList()) {
      return values.build();
    }
    while (reader.nextElement()) {
      String value = reader.sharedString();
      values.add(value == null ? "" : value);
    }
    return values.build();
  }

  @Override
  Object build() {
    return PersistentVolume.builder()
        .name(name)
        .requiredNodeAffinity(terms)
        .csiDriver(nonBlank(csiDriver))
        .build();
  }
}
