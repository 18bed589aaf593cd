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
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a snapshot from the objects of one source, in order, collecting every problem and
 * counting the objects of kinds a snapshot does not keep. Each object is converted to the model
 * when it is added; nothing of its tree is kept.
 *
 * <p>A document is an object, or a list as {@code kubectl get -o yaml} writes it ({@code kind:
 * List}, or {@code PodList} and the like, whose items may omit apiVersion and kind).
 */
public final class SnapshotAssembler {

  private final String source;
  private final Problems problems = new Problems();
  private final IgnoredKinds ignored = new IgnoredKinds();
  private final Map<ObjectKey, Location> locationByKey = new HashMap<>();
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

  /** Records the problem that ended the read, before the others found until then. */
  public void addEndingProblem(String problem) {
    problems.addFirst(source + ": " + problem);
  }

  /** Whether enough problems were found that reading further would not be reported. */
  public boolean isFull() {
    return problems.isFull();
  }

  /** Records a document or list item that is no mapping; {@code what} is e.g. "a list". */
  void addNonObject(Location location, String what, boolean document) {
    sawDocument = true;
    addProblem(location + " is " + what + ", not a Kubernetes object"
        + (document ? " (a mapping with apiVersion, kind and metadata)" : ""));
  }

  /**
   * Whether an object whose {@code kind} was just read, and its apiVersion if it came first, is of
   * a kind a snapshot skips, so that the rest of it need not be built. Lists are never skipped:
   * their items are read, and a list inside a list is refused.
   */
  static boolean isSkipped(JsonObject partial) {
    String kind = TreeFields.text(partial, "kind");
    if (kind == null || kind.endsWith("List")) {
      return false;
    }
    KeptKind kept = KeptKind.named(kind);
    String apiVersion = TreeFields.text(partial, "apiVersion");
    return kept == null || (apiVersion != null && !apiVersion.equals(kept.apiVersion));
  }

  /** Counts an object {@link #isSkipped} chose to skip. */
  void addSkipped(JsonObject partial) {
    sawDocument = true;
    String kind = TreeFields.text(partial, "kind");
    String apiVersion = TreeFields.text(partial, "apiVersion");
    ignoreKind(kind, apiVersion, KeptKind.named(kind));
  }

  /** E.g. {@code document 2 (Pod shop/db-0)}; just the location while the kind is unknown. */
  static String label(Location location, JsonObject object) {
    ObjectIdentity id = ObjectIdentity.of(location, object, null, null);
    return id.kind() == null ? location.toString() : id.label();
  }

  /**
   * Adds what reading an item of {@code list} found, unless it needs the list's kind, which is not
   * known yet: then false, and the caller adds it once it is.
   *
   * @throws InputException if the item ended the read ({@link ItemRead.Failed})
   */
  boolean addRead(Location location, ItemRead read, JsonObject list) throws IOException {
    if (read instanceof ItemRead.Streamed streamed) {
      addStreamed(location, streamed.kept(), streamed.read());
    } else if (read instanceof ItemRead.Skipped skipped) {
      addSkipped(skipped.partial());
    } else if (read instanceof ItemRead.Refused refused) {
      addProblem(label(location, refused.partial()) + ": " + refused.problem());
    } else if (read instanceof ItemRead.NotAnObject notAnObject) {
      addNonObject(location, notAnObject.what(), false);
    } else if (read instanceof ItemRead.Tree tree) {
      if (!tree.complete() && TreeFields.text(list, "kind") == null) {
        return false;
      }
      addItem(location, tree.item(), list);
    } else {
      throw new InputException(((ItemRead.Failed) read).problem());
    }
    return true;
  }

  /** Whether {@code object} is a list as kubectl writes it. */
  boolean isList(JsonObject object) {
    String kind = TreeFields.text(object, "kind");
    return kind != null && (kind.equals("List") || (kind.endsWith("List") && object.has("items")));
  }

  /** Adds a document that is a mapping: an object, or a list whose items were not streamed. */
  void addDocument(Location location, JsonObject document) throws IOException {
    sawDocument = true;
    if (isList(document)) {
      addItems(location, document);
    } else {
      addObject(location, document, null, null);
    }
  }

  private void addItems(Location location, JsonObject list) throws IOException {
    JsonElement items = list.get("items");
    if (items == null || items.isJsonNull()) {
      return;
    }
    if (!items.isJsonArray()) {
      addProblem(location + " (" + TenantText.shown(TreeFields.text(list, "kind"))
          + "): items: expected a list");
      return;
    }
    JsonArray array = items.getAsJsonArray();
    for (int i = 0; i < array.size() && !isFull(); i++) {
      Location itemLocation = location.item(i);
      JsonElement item = array.get(i);
      if (item.isJsonObject()) {
        addItem(itemLocation, item.getAsJsonObject(), list);
      } else {
        addNonObject(itemLocation, JsonTrees.describe(item), false);
      }
    }
  }

  /**
   * Adds an item of {@code list}, whose kind and apiVersion it inherits if it omits them and the
   * list is typed, such as {@code PodList}; {@code list} may still lack its kind.
   */
  void addItem(Location location, JsonObject item, JsonObject list) throws IOException {
    sawDocument = true;
    String listKind = TreeFields.text(list, "kind");
    // Items of a typed list such as PodList omit kind and apiVersion; kind: List items have them.
    String itemKind = listKind == null || listKind.equals("List") || !listKind.endsWith("List")
        ? null : listKind.substring(0, listKind.length() - 4);
    String kind = TreeFields.text(item, "kind");
    if (kind != null && kind.endsWith("List") && (kind.equals("List") || item.has("items"))) {
      addProblem(label(location, item) + ": a list inside a list; put its items in the outer"
          + " list");
      return;
    }
    addObject(location, item, itemKind, TreeFields.text(list, "apiVersion"));
  }

  private void addObject(
      Location location, JsonObject object, String defaultKind, String defaultApiVersion)
      throws IOException {
    ObjectIdentity id = ObjectIdentity.of(location, object, defaultKind, defaultApiVersion);
    if (id.kind() == null) {
      addProblem(location + ": kind is missing; every object needs apiVersion and kind,"
          + " as kubectl get -o yaml writes them");
      return;
    }
    KeptKind kept = KeptKind.named(id.kind());
    if (kept == null || (id.apiVersion() != null && !id.apiVersion().equals(kept.apiVersion))) {
      ignoreKind(id.kind(), id.apiVersion(), kept);
      return;
    }
    if (id.apiVersion() == null) {
      addProblem(id.label() + ": apiVersion is missing; add apiVersion: " + kept.apiVersion);
      return;
    }
    addKept(kept, id, object);
  }

  private void ignoreKind(String kind, String apiVersion, KeptKind kept) {
    String shownKind = TenantText.shown(kind);
    ignored.add(apiVersion == null || kept == null
        ? shownKind : shownKind + " (" + TenantText.shown(apiVersion) + ")");
  }

  private void addKept(KeptKind kept, ObjectIdentity id, JsonObject object) throws IOException {
    FieldReader reader = FieldReader.ofTree(object);
    reader.start();
    addRead(kept, id, ObjectFields.read(kept, reader, reader.nextKey()));
  }

  /**
   * Adds an object read straight from the source, whose kind and apiVersion it named first.
   *
   * @param location where it is, e.g. {@code document 1, items[3]}
   */
  void addStreamed(Location location, KeptKind kept, ReadObject read) {
    sawDocument = true;
    addRead(kept, new ObjectIdentity(location, kept.kind, kept.apiVersion,
        read.fields().namespace(), read.fields().name()), read);
  }

  private void addRead(KeptKind kept, ObjectIdentity id, ReadObject read) {
    if (read.problem() != null) {
      addProblem(id.label() + ": " + read.problem());
      return;
    }
    FieldTypeException wrongType = read.typeError();
    if (wrongType != null) {
      addProblem(id.label() + ": " + (wrongType.field().isEmpty() ? "" : wrongType.field() + ": ")
          + "expected " + wrongType.expected());
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
    Location previous = locationByKey.putIfAbsent(
        new ObjectKey(kept, kept.namespaced ? id.namespace() : "", id.name()), id.location());
    if (previous != null) {
      addProblem(id.label() + ": the same " + kept.kind + " as " + previous
          + "; keep one of them");
      return;
    }
    Object model;
    try {
      model = read.model();
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

  // Which object an added one is: one of a kind per namespace and name.
  private record ObjectKey(KeptKind kind, String namespace, String name) {

    // Written out, as every object added is looked up: a record's own hashCode and equals go
    // through method handles, and ask the kind for its identity hash.
    @Override
    public int hashCode() {
      return (kind.ordinal() * 31 + namespace.hashCode()) * 31 + name.hashCode();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof ObjectKey key && kind == key.kind && namespace.equals(key.namespace)
          && name.equals(key.name);
    }
  }
}
