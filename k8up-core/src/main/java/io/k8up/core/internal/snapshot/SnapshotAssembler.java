package io.k8up.core.internal.snapshot;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.k8up.core.model.Claim;
import io.k8up.core.model.Node;
import io.k8up.core.model.PersistentVolume;
import io.k8up.core.model.Pod;
import io.k8up.core.model.SnapshotClass;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.snapshot.SnapshotException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a snapshot from the documents of one source, in order, collecting every problem and
 * counting the objects of kinds a snapshot does not keep.
 *
 * <p>A document is an object, or a list as {@code kubectl get -o yaml} writes it ({@code kind:
 * List}, or {@code PodList} and the like, whose items may omit apiVersion and kind).
 */
public final class SnapshotAssembler {

  private final String source;
  private final Problems problems = new Problems();
  private final IgnoredKinds ignored = new IgnoredKinds();
  private final Map<String, String> locationByKey = new HashMap<>();
  private final List<Claim> claims = new ArrayList<>();
  private final List<PersistentVolume> volumes = new ArrayList<>();
  private final List<Pod> pods = new ArrayList<>();
  private final List<Node> nodes = new ArrayList<>();
  private final List<SnapshotClass> snapshotClasses = new ArrayList<>();
  private boolean sawDocument;

  /** An assembler for the source named {@code source} in messages, e.g. a file's path. */
  public SnapshotAssembler(String source) {
    this.source = source;
  }

  /** Records a problem with the source as a whole, such as a syntax error. */
  public void addProblem(String problem) {
    problems.add(source + ": " + problem);
  }

  /** Whether enough problems were found that reading further would not be reported. */
  public boolean isFull() {
    return problems.isFull();
  }

  /**
   * Adds the document numbered {@code number} (from 1); an empty document (null) is skipped, as
   * kubectl skips it.
   */
  public void addDocument(int number, JsonElement document) {
    if (document == null || document.isJsonNull()) {
      return;
    }
    sawDocument = true;
    String location = "document " + number;
    if (!document.isJsonObject()) {
      addProblem(location + " is " + JsonTrees.describe(document)
          + ", not a Kubernetes object (a mapping with apiVersion, kind and metadata)");
      return;
    }
    JsonObject object = document.getAsJsonObject();
    String kind = TreeFields.text(object, "kind");
    if (kind != null && isList(kind, object)) {
      addItems(location, kind, TreeFields.text(object, "apiVersion"), object.get("items"));
    } else {
      addObject(location, object, null, null);
    }
  }

  private static boolean isList(String kind, JsonObject object) {
    return kind.equals("List") || (kind.endsWith("List") && object.has("items"));
  }

  private void addItems(String location, String listKind, String apiVersion, JsonElement items) {
    if (items == null || items.isJsonNull()) {
      return;
    }
    if (!items.isJsonArray()) {
      addProblem(location + " (" + listKind + "): items: expected a list");
      return;
    }
    // Items of a typed list such as PodList omit kind and apiVersion; kind: List items have them.
    String itemKind = listKind.equals("List") ? null : listKind.substring(0, listKind.length() - 4);
    JsonArray array = items.getAsJsonArray();
    for (int i = 0; i < array.size() && !isFull(); i++) {
      String itemLocation = location + ", items[" + i + "]";
      JsonElement item = array.get(i);
      if (item.isJsonObject()) {
        addObject(itemLocation, item.getAsJsonObject(), itemKind, apiVersion);
      } else {
        addProblem(itemLocation + " is " + JsonTrees.describe(item) + ", not a Kubernetes object");
      }
    }
  }

  private void addObject(
      String location, JsonObject object, String defaultKind, String defaultApiVersion) {
    ObjectIdentity id = ObjectIdentity.of(location, object, defaultKind, defaultApiVersion);
    if (id.kind() == null) {
      addProblem(location + ": kind is missing; every object needs apiVersion and kind,"
          + " as kubectl get -o yaml writes them");
      return;
    }
    KeptKind kept = KeptKind.named(id.kind()).orElse(null);
    if (kept == null || (id.apiVersion() != null && !id.apiVersion().equals(kept.apiVersion))) {
      ignored.add(id.apiVersion() == null || kept == null
          ? id.kind() : id.kind() + " (" + id.apiVersion() + ")");
      return;
    }
    if (id.apiVersion() == null) {
      addProblem(id.label() + ": apiVersion is missing; add apiVersion: " + kept.apiVersion);
      return;
    }
    addKept(kept, id, object);
  }

  private void addKept(KeptKind kept, ObjectIdentity id, JsonObject object) {
    Object clientObject;
    try {
      clientObject = kept.read(object);
    } catch (FieldTypeException e) {
      addProblem(id.label() + ": " + (e.field().isEmpty() ? "" : e.field() + ": ")
          + "expected " + e.expected());
      return;
    }
    if (id.name() == null) {
      addProblem(id.label() + ": metadata.name is missing");
      return;
    }
    if (kept.namespaced && id.namespace() == null) {
      addProblem(id.label() + ": metadata.namespace is missing; add the namespace the "
          + kept.kind + " lives in (a snapshot does not assume \"default\")");
      return;
    }
    String key = kept.kind + '\u0000' + (kept.namespaced ? id.namespace() : "") + '\u0000' + id.name();
    String previous = locationByKey.putIfAbsent(key, id.location());
    if (previous != null) {
      addProblem(id.label() + ": the same " + kept.kind + " as " + previous
          + "; keep one of them");
      return;
    }
    Object model;
    try {
      model = kept.toModel(clientObject);
    } catch (IllegalArgumentException e) {
      // A required field other than the name, such as a VolumeSnapshotClass's driver.
      addProblem(id.label() + ": " + e.getMessage());
      return;
    }
    switch (kept) {
      case PERSISTENT_VOLUME_CLAIM -> claims.add((Claim) model);
      case PERSISTENT_VOLUME -> volumes.add((PersistentVolume) model);
      case POD -> pods.add((Pod) model);
      case NODE -> nodes.add((Node) model);
      case VOLUME_SNAPSHOT_CLASS -> snapshotClasses.add((SnapshotClass) model);
    }
  }

  /**
   * The snapshot of every object added.
   *
   * @throws SnapshotException listing the problems found, or if the source held no document
   */
  public ClusterSnapshot build() throws SnapshotException {
    if (!sawDocument && !problems.any()) {
      addProblem("holds no Kubernetes objects");
    }
    problems.throwIfAny();
    return ClusterSnapshot.of(claims, volumes, pods, ignored.note().stream().toList())
        .withNodes(nodes)
        .withSnapshotClasses(snapshotClasses);
  }
}
