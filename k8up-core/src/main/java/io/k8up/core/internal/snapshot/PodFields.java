package io.k8up.core.internal.snapshot;

import com.google.common.collect.ImmutableList;
import io.k8up.core.model.Pod;
import io.k8up.core.model.PodPhase;
import io.k8up.core.model.PodVolume;
import io.k8up.core.model.Toleration;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The fields of a pod that {@link Pod} needs. */
final class PodFields extends ObjectFields {

  /** A volume as written; which claim it mounts is known once the pod's name is. */
  private record Volume(String name, String claimName, boolean claim, boolean ephemeral) {}

  private String phase;
  private String nodeName;
  private ImmutableList<String> containerNames = ImmutableList.of();
  private ImmutableList<String> ephemeralContainerNames = ImmutableList.of();
  private final List<Volume> volumes = new ArrayList<>();
  private ImmutableList<Toleration> tolerations = ImmutableList.of();
  private Long runAsUser;
  private Long runAsGroup;
  private Long fsGroup;

  @Override
  void field(String key, FieldReader reader) throws IOException {
    switch (key) {
      case "spec" -> spec(reader);
      case "status" -> status(reader);
      default -> reader.skip();
    }
  }

  private void status(FieldReader reader) throws IOException {
    reader.member("phase", () -> phase = reader.string());
  }

  private void spec(FieldReader reader) throws IOException {
    if (!reader.enterMap()) {
      return;
    }
    for (String key = reader.nextKey(); key != null; key = reader.nextKey()) {
      switch (key) {
        case "nodeName" -> nodeName = reader.sharedString();
        case "containers" -> containerNames = containerNames(reader);
        case "ephemeralContainers" -> ephemeralContainerNames = containerNames(reader);
        case "volumes" -> volumes(reader);
        case "tolerations" -> tolerations = tolerations(reader);
        case "securityContext" -> securityContext(reader);
        default -> reader.skip();
      }
    }
  }

  // The names of the containers, leaving out null entries and names.
  private static ImmutableList<String> containerNames(FieldReader reader) throws IOException {
    ImmutableList.Builder<String> names = ImmutableList.builder();
    if (!reader.enterList()) {
      return names.build();
    }
    while (reader.nextElement()) {
      reader.member("name", () -> {
        String name = reader.sharedString();
        if (name != null) {
          names.add(name);
        }
      });
    }
    return names.build();
  }

  private void volumes(FieldReader reader) throws IOException {
    if (!reader.enterList()) {
      return;
    }
    while (reader.nextElement()) {
      if (!reader.enterMap()) {
        continue;
      }
      String name = null;
      String claimName = null;
      boolean claim = false;
      boolean ephemeral = false;
      for (String key = reader.nextKey(); key != null; key = reader.nextKey()) {
        switch (key) {
          case "name" -> name = reader.string();
          case "persistentVolumeClaim" -> {
            claim = reader.enterMap();
            for (String next = claim ? reader.nextKey() : null; next != null; next = reader.nextKey()) {
              switch (next) {
                case "claimName" -> claimName = reader.string();
                case "readOnly" -> reader.bool();
                default -> reader.skip();
              }
            }
          }
          case "ephemeral" -> ephemeral = present(reader);
          default -> reader.skip();
        }
      }
      volumes.add(new Volume(name, claimName, claim, ephemeral));
    }
  }

  private static ImmutableList<Toleration> tolerations(FieldReader reader) throws IOException {
    ImmutableList.Builder<Toleration> tolerations = ImmutableList.builder();
    if (!reader.enterList()) {
      return tolerations.build();
    }
    while (reader.nextElement()) {
      if (!reader.enterMap()) {
        continue;
      }
      var toleration = Toleration.builder();
      for (String key = reader.nextKey(); key != null; key = reader.nextKey()) {
        switch (key) {
          case "key" -> toleration.key(nonBlank(reader.sharedString()));
          case "operator" -> toleration.operator(nonBlank(reader.sharedString()));
          case "value" -> toleration.value(nonBlank(reader.sharedString()));
          case "effect" -> toleration.effect(nonBlank(reader.sharedString()));
          case "tolerationSeconds" -> toleration.tolerationSeconds(Optional.ofNullable(reader.integer()));
          default -> reader.skip();
        }
      }
      tolerations.add(toleration.build());
    }
    return tolerations.build();
  }

  private void securityContext(FieldReader reader) throws IOException {
    if (!reader.enterMap()) {
      return;
    }
    for (String key = reader.nextKey(); key != null; key = reader.nextKey()) {
      switch (key) {
        case "runAsUser" -> runAsUser = reader.integer();
        case "runAsGroup" -> runAsGroup = reader.integer();
        case "fsGroup" -> fsGroup = reader.integer();
        case "runAsNonRoot" -> reader.bool();
        default -> reader.skip();
      }
    }
  }

  @Override
  Object build() {
    return Pod.builder()
        .namespace(namespace)
        .name(name)
        .annotations(annotations)
        .labels(labels)
        .phase(PodPhase.fromKubernetesName(phase))
        .nodeName(nonBlank(nodeName))
        .deleting(deleting)
        .uid(nonBlank(uid))
        .containerNames(containerNames)
        .ephemeralContainerNames(ephemeralContainerNames)
        .claimVolumes(claimVolumes())
        .tolerations(tolerations)
        .runAsUser(Optional.ofNullable(runAsUser))
        .runAsGroup(Optional.ofNullable(runAsGroup))
        .fsGroup(Optional.ofNullable(fsGroup))
        .controllerUid(nonBlank(controllerUid))
        .build();
  }

  private ImmutableList<PodVolume> claimVolumes() {
    ImmutableList.Builder<PodVolume> claims = ImmutableList.builder();
    for (Volume volume : volumes) {
      if (volume.name() == null) {
        continue;
      }
      if (volume.claim()) {
        nonBlank(volume.claimName()).ifPresent(claim -> claims.add(PodVolume.of(volume.name(), claim)));
      } else if (volume.ephemeral()) {
        // Kubernetes names the claim of a generic ephemeral volume <pod name>-<volume name>.
        claims.add(PodVolume.of(volume.name(), name + "-" + volume.name()));
      }
    }
    return claims.build();
  }
}
