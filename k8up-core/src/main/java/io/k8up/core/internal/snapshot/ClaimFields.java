package io.k8up.core.internal.snapshot;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import io.k8up.core.model.AccessMode;
import io.k8up.core.model.Claim;
import io.k8up.core.model.ClaimPhase;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

/** The fields of a PersistentVolumeClaim that {@link Claim} needs. */
final class ClaimFields extends ObjectFields {

  private static final BigDecimal MAX_BYTES = BigDecimal.valueOf(Long.MAX_VALUE);

  private String phase;
  private String volumeName;
  private BigDecimal storage;
  private String storageClassName;
  private List<String> specAccessModes = ImmutableList.of();
  private List<String> statusAccessModes = ImmutableList.of();

  @Override
  void field(String key, FieldReader reader) throws IOException {
    switch (key) {
      case "spec" -> spec(reader);
      case "status" -> status(reader);
      default -> reader.skip();
    }
  }

  private void spec(FieldReader reader) throws IOException {
    if (!reader.enterMap()) {
      return;
    }
    for (String key = reader.nextKey(); key != null; key = reader.nextKey()) {
      switch (key) {
        case "accessModes" -> specAccessModes = stringList(reader);
        case "resources" -> resources(reader);
        case "storageClassName" -> storageClassName = reader.sharedString();
        case "volumeName" -> volumeName = reader.string();
        case "volumeMode" -> reader.string();
        default -> reader.skip();
      }
    }
  }

  private void resources(FieldReader reader) throws IOException {
    if (!reader.enterMap()) {
      return;
    }
    for (String key = reader.nextKey(); key != null; key = reader.nextKey()) {
      switch (key) {
        case "requests" -> storage = quantities(reader, "storage");
        case "limits" -> quantities(reader, "storage");
        default -> reader.skip();
      }
    }
  }

  private void status(FieldReader reader) throws IOException {
    if (!reader.enterMap()) {
      return;
    }
    for (String key = reader.nextKey(); key != null; key = reader.nextKey()) {
      switch (key) {
        case "phase" -> phase = reader.string();
        case "accessModes" -> statusAccessModes = stringList(reader);
        case "capacity" -> quantities(reader, "storage");
        default -> reader.skip();
      }
    }
  }

  @Override
  Object build() {
    return Claim.builder()
        .namespace(namespace)
        .name(name)
        .uid(nonBlank(uid))
        .annotations(annotations)
        .phase(ClaimPhase.fromKubernetesName(phase))
        .volumeName(nonBlank(volumeName))
        .requestedBytes(requestedBytes())
        .storageClassName(nonBlank(storageClassName))
        .asksForNoStorageClass("".equals(storageClassName))
        .specAccessModes(accessModes(specAccessModes))
        .statusAccessModes(accessModes(statusAccessModes))
        .build();
  }

  private Optional<Long> requestedBytes() {
    if (storage == null) {
      return Optional.empty();
    }
    BigDecimal bytes = storage.setScale(0, RoundingMode.CEILING);
    return Optional.of(bytes.compareTo(MAX_BYTES) > 0 ? Long.MAX_VALUE : bytes.longValue());
  }

  private static ImmutableSet<AccessMode> accessModes(List<String> names) {
    ImmutableSet.Builder<AccessMode> modes = ImmutableSet.builder();
    for (String name : names) {
      AccessMode.fromKubernetesName(name).ifPresent(modes::add);
    }
    return modes.build();
  }
}
