package io.k8up.core.internal.snapshot;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
  private final ItemReader items;
  private final LimitedReader input;
  private final SnapshotAssembler assembler;
  private final ReadLimits limits;
  private int objects;
  // Items of the first document's list read already, elsewhere, that wait for its kind.
  private ReadAhead readAhead;

  ObjectStreamer(Tokens tokens, LimitedReader input, ReadLimits limits, SnapshotAssembler assembler,
      Map<String, String> shared) {
    this.tokens = tokens;
    this.input = input;
    this.items = new ItemReader(tokens, input, limits, shared);
    this.builder = items.builder();
    this.assembler = assembler;
    this.limits = limits;
  }

  /**
   * Continues a read whose first document's items were read already ({@link
   * ParallelListReader}): the tokens hold that document with its items left out, and {@code
   * readAhead} what reading them left to do.
   */
  ObjectStreamer continuing(ReadAhead readAhead) {
    this.readAhead = readAhead;
    this.objects = readAhead.objects();
    return this;
  }

  /** Reads every document until the end of the source or until the assembler is full. */
  void readAll() throws IOException {
    while (!assembler.isFull() && tokens.nextDocument()) {
      Location location = Location.document(tokens.document());
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

  private void readDocument(Location location) throws IOException {
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
        skipping = key.equals("kind") && SnapshotAssembler.isSkipped(root);
      }
    }
    tokens.consume();
    input.objectEnds();
    if (skipping) {
      assembler.addSkipped(root);
    } else if (builder.problem() != null) {
      assembler.addProblem(SnapshotAssembler.label(location, root) + ": " + builder.problem());
    } else if (pending != null) {
      pending.finish(location, root);
    } else {
      assembler.addDocument(location, root);
    }
  }

  private PendingItems readItems(Location location, JsonObject list) throws IOException {
    PendingItems pending = new PendingItems();
    if (readAhead != null) {
      readAhead.waiting().forEach(pending::add);
      readAhead = null;
    }
    tokens.consume();
    for (int i = 0; tokens.peek() != Tokens.Token.END_LIST; i++) {
      Location itemLocation = location.item(i);
      if (tokens.peek() == Tokens.Token.BEGIN_MAP) {
        countObject();
      }
      ItemRead read = items.read();
      if (!assembler.addRead(itemLocation, read, list)) {
        pending.add(itemLocation, ((ItemRead.Tree) read).item());
      }
    }
    tokens.consume();
    return pending;
  }

  private void startObject() throws InputException {
    countObject();
    builder.startObject();
    input.objectStarts();
  }

  private void countObject() throws InputException {
    if (++objects > limits.maxObjects()) {
      throw ExceededLimit.objects(limits, input.line());
    }
  }

  /** Items that wait for their list's kind, in order. */
  private final class PendingItems {
    private final List<Location> locations = new ArrayList<>();
    private final List<JsonObject> items = new ArrayList<>();

    void add(Location location, JsonObject item) {
      locations.add(location);
      items.add(item);
    }

    void finish(Location location, JsonObject list) throws IOException {
      if (TreeFields.text(list, "kind") != null && !assembler.isList(list)) {
        assembler.addProblem(SnapshotAssembler.label(location, list) + ": holds items, but only a"
            + " List (kind: List, or a kind such as PodList) holds objects in items");
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
