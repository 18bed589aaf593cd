package io.k8up.fabric8;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.k8up.core.model.AccessMode;
import io.k8up.core.model.Claim;
import io.k8up.core.model.NodeSelectorRequirement;
import io.k8up.core.model.NodeSelectorTerm;
import io.k8up.core.model.PersistentVolume;
import io.k8up.core.model.Pod;
import io.k8up.core.model.PodVolume;
import io.k8up.core.model.SnapshotClass;
import java.util.Collection;
import java.util.Map;

/** Writes model objects back as the Kubernetes objects they were read from, as the API server would list them. */
final class KubernetesJson {

  private KubernetesJson() {}

  static JsonObject claim(Claim claim) {
    JsonObject spec = new JsonObject();
    spec.add("accessModes", modes(claim.specAccessModes()));
    claim.volumeName().ifPresent(name -> spec.addProperty("volumeName", name));
    claim.storageClassName().ifPresent(name -> spec.addProperty("storageClassName", name));
    claim.requestedBytes().ifPresent(bytes -> {
      JsonObject requests = new JsonObject();
      requests.addProperty("storage", Long.toString(bytes));
      JsonObject resources = new JsonObject();
      resources.add("requests", requests);
      spec.add("resources", resources);
    });
    JsonObject status = new JsonObject();
    status.addProperty("phase", claim.phase().kubernetesName());
    status.add("accessModes", modes(claim.statusAccessModes()));
    JsonObject object = object("PersistentVolumeClaim", metadata(claim.namespace(), claim.name(), claim.annotations()));
    claim.uid().ifPresent(uid -> object.getAsJsonObject("metadata").addProperty("uid", uid));
    object.add("spec", spec);
    object.add("status", status);
    return object;
  }

  static JsonObject volume(PersistentVolume volume) {
    JsonObject spec = new JsonObject();
    if (!volume.requiredNodeAffinity().isEmpty()) {
      JsonArray terms = new JsonArray();
      for (NodeSelectorTerm term : volume.requiredNodeAffinity()) {
        JsonObject written = new JsonObject();
        written.add("matchExpressions", requirements(term.matchExpressions()));
        written.add("matchFields", requirements(term.matchFields()));
        terms.add(written);
      }
      JsonObject required = new JsonObject();
      required.add("nodeSelectorTerms", terms);
      JsonObject affinity = new JsonObject();
      affinity.add("required", required);
      spec.add("nodeAffinity", affinity);
    }
    volume.csiDriver().ifPresent(driver -> {
      JsonObject csi = new JsonObject();
      csi.addProperty("driver", driver);
      csi.addProperty("volumeHandle", "handle");
      spec.add("csi", csi);
    });
    JsonObject object = object("PersistentVolume", metadata(null, volume.name(), Map.of()));
    object.add("spec", spec);
    return object;
  }

  static JsonObject pod(Pod pod) {
    JsonObject metadata = metadata(pod.namespace(), pod.name(), pod.annotations());
    metadata.add("labels", strings(pod.labels()));
    pod.uid().ifPresent(uid -> metadata.addProperty("uid", uid));
    if (pod.deleting()) {
      metadata.addProperty("deletionTimestamp", "2026-01-01T00:00:00Z");
    }
    pod.controllerUid().ifPresent(uid -> {
      JsonObject owner = new JsonObject();
      owner.addProperty("apiVersion", "apps/v1");
      owner.addProperty("kind", "StatefulSet");
      owner.addProperty("name", "owner");
      owner.addProperty("uid", uid);
      owner.addProperty("controller", true);
      JsonArray owners = new JsonArray();
      owners.add(owner);
      metadata.add("ownerReferences", owners);
    });
    JsonObject spec = new JsonObject();
    spec.add("containers", containers(pod.containerNames()));
    spec.add("ephemeralContainers", containers(pod.ephemeralContainerNames()));
    pod.nodeName().ifPresent(node -> spec.addProperty("nodeName", node));
    JsonArray volumes = new JsonArray();
    for (PodVolume volume : pod.claimVolumes()) {
      JsonObject source = new JsonObject();
      source.addProperty("claimName", volume.claimName());
      JsonObject written = new JsonObject();
      written.addProperty("name", volume.name());
      written.add("persistentVolumeClaim", source);
      volumes.add(written);
    }
    spec.add("volumes", volumes);
    JsonObject status = new JsonObject();
    status.addProperty("phase", pod.phase().kubernetesName());
    JsonObject object = object("Pod", metadata);
    object.add("spec", spec);
    object.add("status", status);
    return object;
  }

  /** A node; its taints as written, some perhaps without the key or effect the model requires. */
  static JsonObject node(String name, String hostname, JsonArray taints) {
    JsonObject metadata = metadata(null, name, Map.of());
    metadata.add("labels", strings(Map.of("kubernetes.io/hostname", hostname)));
    JsonObject spec = new JsonObject();
    spec.add("taints", taints);
    JsonObject object = object("Node", metadata);
    object.add("spec", spec);
    return object;
  }

  static JsonObject snapshotClass(SnapshotClass snapshotClass) {
    JsonObject object = new JsonObject();
    object.addProperty("apiVersion", "snapshot.storage.k8s.io/v1");
    object.addProperty("kind", "VolumeSnapshotClass");
    object.add("metadata", metadata(null, snapshotClass.name(), snapshotClass.annotations()));
    object.addProperty("driver", snapshotClass.driver());
    object.addProperty("deletionPolicy", "Delete");
    return object;
  }

  private static JsonObject object(String kind, JsonObject metadata) {
    JsonObject object = new JsonObject();
    object.addProperty("apiVersion", "v1");
    object.addProperty("kind", kind);
    object.add("metadata", metadata);
    return object;
  }

  private static JsonObject metadata(String namespace, String name, Map<String, String> annotations) {
    JsonObject metadata = new JsonObject();
    metadata.addProperty("name", name);
    if (namespace != null) {
      metadata.addProperty("namespace", namespace);
    }
    metadata.add("annotations", strings(annotations));
    return metadata;
  }

  private static JsonObject strings(Map<String, String> values) {
    JsonObject written = new JsonObject();
    values.forEach(written::addProperty);
    return written;
  }

  private static JsonArray modes(Collection<AccessMode> modes) {
    JsonArray written = new JsonArray();
    modes.forEach(mode -> written.add(mode.kubernetesName()));
    return written;
  }

  private static JsonArray containers(Collection<String> names) {
    JsonArray written = new JsonArray();
    for (String name : names) {
      JsonObject container = new JsonObject();
      container.addProperty("name", name);
      container.addProperty("image", "app");
      written.add(container);
    }
    return written;
  }

  private static JsonArray requirements(Collection<NodeSelectorRequirement> requirements) {
    JsonArray written = new JsonArray();
    for (NodeSelectorRequirement requirement : requirements) {
      JsonObject one = new JsonObject();
      one.addProperty("key", requirement.key());
      one.addProperty("operator", requirement.operator());
      JsonArray values = new JsonArray();
      requirement.values().forEach(values::add);
      one.add("values", values);
      written.add(one);
    }
    return written;
  }
}
