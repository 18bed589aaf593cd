package io.k8up.core.internal.snapshot;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the documents of a source object by object into a {@link SnapshotAssembler}: the items of
 * a list are read one at a time and handed over, so only one item's tree exists at a time, and an
 * object of a kind the snapshot does not keep is skipped as soon as its kind is known, without
 * being built.
 *
 * <p>{@code kubectl} writes a list's {@code kind} after its {@code items}; items that need the
 * list's kind (those of a typed list such as {@code PodList}, which omit their own) wait until
 * it is known.
 */
final class ObjectStreamer {

  private static final String ITEMS = "items";

  private final Tokens tokens;
  private final TreeBuilder builder;
  private final FieldReader fields;
  private final LimitedReader input;
  private final SnapshotAssembler assembler;
  private final int maxObjects;
  private int objects;

  ObjectStreamer(Tokens tokens, LimitedReader input, ReadLimits limits, SnapshotAssembler assembler) {
    this.tokens = tokens;
    this.input = input;
    this.builder = new TreeBuilder(tokens, input, limits);
    this.fields = new FieldReader(tokens, limits.maxObjectValues(), input);
    this.assembler = assembler;
    this.maxObjects = limits.maxObjects();
  }

  /** Reads every document until the end of the source or until the assembler is full. */
  void readAll() throws IOException {
    while (!assembler.isFull() && tokens.nextDocument()) {
      String location = "document " + tokens.document();
      switch (tokens.peek()) {
        case BEGIN_MAP -> readDocument(location);
        case BEGIN_LIST -> {
          assembler.addNonObject(location, "a list", true);
          builder.skip();
        }
        default -> {
          JsonElement scalar = tokens.nextScalar();
          // An empty document is skipped, as kubectl skips it.
          if (!scalar.isJsonNull()) {
            assembler.addNonObject(location, JsonTrees.describe(scalar), true);
          }
        }
      }
    }
  }

  private void readDocument(String location) throws IOException {
    JsonObject root = new JsonObject();
    PendingItems pending = null;
    boolean skipping = false;
    startObject();
    tokens.consume();
    while (tokens.peek() != Tokens.Token.END_MAP) {
      String key = tokens.nextKey();
      if (skipping) {
        builder.skip();
      } else if (key.equals(ITEMS) && pending == null && tokens.peek() == Tokens.Token.BEGIN_LIST) {
        input.objectEnds();
        pending = readItems(location, root);
        startObject();
        root.add(ITEMS, new JsonArray());
      } else {
        builder.addMember(root, key);
        skipping = key.equals("kind") && assembler.isSkipped(root);
      }
    }
    tokens.consume();
    input.objectEnds();
    if (skipping) {
      assembler.addSkipped(root);
    } else if (builder.problem() != null) {
      assembler.addProblem(assembler.label(location, root) + ": " + builder.problem());
    } else if (pending != null) {
      pending.finish(location, root);
    } else {
      assembler.addDocument(location, root);
    }
  }

  private PendingItems readItems(String location, JsonObject list) throws IOException {
    PendingItems pending = new PendingItems();
    tokens.consume();
    for (int i = 0; tokens.peek() != Tokens.Token.END_LIST; i++) {
      String itemLocation = location + ", items[" + i + "]";
      if (tokens.peek() == Tokens.Token.BEGIN_LIST) {
        builder.skip();
        assembler.addNonObject(itemLocation, "a list", false);
        continue;
      }
      if (tokens.peek() != Tokens.Token.BEGIN_MAP) {
        assembler.addNonObject(itemLocation, JsonTrees.describe(tokens.nextScalar()), false);
        continue;
      }
      JsonObject item = readItem(itemLocation);
      if (item == null) {
        continue;
      }
      // Items that name their kind and apiVersion need nothing from the list.
      boolean complete = TreeFields.text(item, "kind") != null
          && TreeFields.text(item, "apiVersion") != null;
      if (complete || TreeFields.text(list, "kind") != null) {
        assembler.addItem(itemLocation, item, list);
      } else {
        pending.add(itemLocation, item);
      }
    }
    tokens.consume();
    return pending;
  }

  // The item's tree, or null when it was handled already (read straight into the model, skipped,
  // or refused).
  private JsonObject readItem(String location) throws IOException {
    JsonObject item = new JsonObject();
    boolean skipping = false;
    startObject();
    tokens.consume();
    while (tokens.peek() != Tokens.Token.END_MAP) {
      String key = tokens.nextKey();
      KeptKind kept = skipping ? null : keptKind(item, key);
      if (kept != null) {
        fields.startInside(builder.values(), item.keySet(), key);
        ReadObject read = ObjectFields.read(kept, fields, key);
        input.objectEnds();
        assembler.addStreamed(location, kept, read);
        return null;
      }
      if (skipping) {
        builder.skip();
      } else {
        builder.addMember(item, key);
        skipping = key.equals("kind") && assembler.isSkipped(item);
      }
    }
    tokens.consume();
    input.objectEnds();
    if (skipping) {
      assembler.addSkipped(item);
      return null;
    }
    if (builder.problem() != null) {
      assembler.addProblem(assembler.label(location, item) + ": " + builder.problem());
      return null;
    }
    return item;
  }

  // The kept kind of an item whose first two fields, read into its tree, named a kept kind and its
  // apiVersion, when the next field is neither of them (kubectl writes apiVersion and kind first):
  // the rest can then be read straight into the model. Null otherwise.
  private KeptKind keptKind(JsonObject item, String nextKey) {
    if (item.size() != 2 || item.has(nextKey) || builder.problem() != null) {
      return null;
    }
    KeptKind kept = KeptKind.named(TreeFields.text(item, "kind")).orElse(null);
    return kept != null && kept.apiVersion.equals(TreeFields.text(item, "apiVersion")) ? kept : null;
  }

  private void startObject() throws InputException {
    if (++objects > maxObjects) {
      throw new InputException("holds more than " + maxObjects + " objects, by line "
          + input.line());
    }
    builder.startObject();
    input.objectStarts();
  }

  /** Items that wait for their list's kind, in order. */
  private final class PendingItems {
    private final List<String> locations = new ArrayList<>();
    private final List<JsonObject> items = new ArrayList<>();

    void add(String location, JsonObject item) {
      locations.add(location);
      items.add(item);
    }

    void finish(String location, JsonObject list) throws IOException {
      if (TreeFields.text(list, "kind") != null && !assembler.isList(list)) {
        assembler.addProblem(assembler.label(location, list) + ": holds items, but only a List"
            + " (kind: List, or a kind such as PodList) holds objects in items");
        return;
      }
      for (int i = 0; i < items.size(); i++) {
        assembler.addItem(locations.get(i), items.get(i), list);
      }
      // The list itself: an empty one still counts as a document, one without kind is refused.
      assembler.addDocument(location, list);
    }
  }
}
