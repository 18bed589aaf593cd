package io.k8up.core.internal.snapshot;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Reads one item of a list from {@link Tokens}: straight into the model when it names a kept kind
 * and its apiVersion first (as kubectl writes them), skipped unbuilt when its kind is not kept,
 * and otherwise as a tree. It touches no {@link SnapshotAssembler}, so that items can be read on
 * several threads and added in order.
 */
final class ItemReader {

  private final Tokens tokens;
  private final TreeBuilder builder;
  private final FieldReader fields;
  private final LimitedReader input;
  // The object's first members, read by readHead.
  private final String[] headKeys = new String[2];
  private final String[] headValues = new String[2];
  private String headBreak;

  /**
   * @param shared the strings shared between the objects of one read ({@link
   *     FieldReader#share}); thread-safe if several readers use it at once
   */
  ItemReader(Tokens tokens, LimitedReader input, ReadLimits limits, Map<String, String> shared) {
    this.tokens = tokens;
    this.input = input;
    this.builder = new TreeBuilder(tokens, input, limits);
    this.fields = new FieldReader(tokens, limits.maxObjectValues(), input, shared);
  }

  /** The tree builder over the same tokens, for what is not an item. */
  TreeBuilder builder() {
    return builder;
  }

  /**
   * Reads the value that comes next, an item of a list; the caller counts it against {@link
   * ReadLimits#maxObjects()}, and knows where it is.
   */
  ItemRead read() throws IOException {
    return switch (tokens.peek()) {
      case BEGIN_MAP -> readObject();
      case BEGIN_LIST -> {
        builder.skip();
        yield new ItemRead.NotAnObject("a list");
      }
      default -> new ItemRead.NotAnObject(JsonTrees.describe(tokens.nextScalar()));
    };
  }

  private ItemRead readObject() throws IOException {
    JsonObject item = new JsonObject();
    builder.startObject();
    input.objectStarts();
    tokens.consume();
    int heads = readHead();
    // A key read, whose value comes next.
    String pending = heads == 2 && tokens.peek() == Tokens.Token.KEY ? tokens.nextKey() : headBreak;
    if (heads == 2 && pending != null && !isHeadKey(pending)) {
      KeptKind kept = keptKind(headValue("kind"), headValue("apiVersion"));
      if (kept != null) {
        builder.countValue();
        builder.countValue();
        fields.startInside(builder.values(), List.of(headKeys[0], headKeys[1]), pending);
        return streamed(kept, pending);
      }
    }
    // Otherwise the head goes into the tree, as if it had been read member by member below.
    boolean skipping = false;
    for (int i = 0; i < heads && !skipping; i++) {
      builder.countValue();
      item.addProperty(headKeys[i], headValues[i]);
      skipping = headKeys[i].equals("kind") && SnapshotAssembler.isSkipped(item);
    }
    while (pending != null || tokens.peek() != Tokens.Token.END_MAP) {
      String key = pending != null ? pending : tokens.nextKey();
      pending = null;
      KeptKind kept = skipping ? null : keptKind(item, key);
      if (kept != null) {
        fields.startInside(builder.values(), item.keySet(), key);
        return streamed(kept, key);
      }
      if (skipping) {
        builder.skip();
      } else {
        builder.addMember(item, key);
        skipping = key.equals("kind") && SnapshotAssembler.isSkipped(item);
      }
    }
    tokens.consume();
    input.objectEnds();
    if (skipping) {
      return new ItemRead.Skipped(item);
    }
    if (builder.problem() != null) {
      return new ItemRead.Refused(item, builder.problem());
    }
    return new ItemRead.Tree(item);
  }

  // Reads the object's first members while they are apiVersion and kind, once each, with string
  // values, as kubectl writes them, into headKeys and headValues, without a tree: then a kept
  // kind's object is read straight into the model. Returns how many; headBreak is the key read
  // after them whose value was not taken, or null. Only tokens that take a string cheaply
  // (ValueTokens.nextStringIfString) give any.
  private int readHead() throws IOException {
    headBreak = null;
    int heads = 0;
    while (heads < 2 && tokens.peek() == Tokens.Token.KEY) {
      String key = tokens.nextKey();
      String value = isHeadKey(key) && (heads == 0 || !key.equals(headKeys[0]))
          ? tokens.nextStringIfString() : null;
      if (value == null) {
        headBreak = key;
        break;
      }
      headKeys[heads] = key;
      headValues[heads++] = value;
    }
    return heads;
  }

  private String headValue(String key) {
    return headKeys[0].equals(key) ? headValues[0] : headValues[1];
  }

  private static boolean isHeadKey(String key) {
    return key.equals("apiVersion") || key.equals("kind");
  }

  private ItemRead streamed(KeptKind kept, String key) throws IOException {
    ReadObject read = ObjectFields.read(kept, fields, key);
    input.objectEnds();
    return new ItemRead.Streamed(kept, read);
  }

  // The kept kind named, if apiVersion is its version.
  private static KeptKind keptKind(String kind, String apiVersion) {
    KeptKind kept = KeptKind.named(kind);
    return kept != null && kept.apiVersion.equals(apiVersion) ? kept : null;
  }

  // The kept kind of an item whose first two fields, read into its tree, named a kept kind and its
  // apiVersion, when the next field is neither of them (kubectl writes apiVersion and kind first):
  // the rest can then be read straight into the model. Null otherwise.
  private KeptKind keptKind(JsonObject item, String nextKey) {
    if (item.size() != 2 || item.has(nextKey) || builder.problem() != null) {
      return null;
    }
    return keptKind(TreeFields.text(item, "kind"), TreeFields.text(item, "apiVersion"));
  }
}
