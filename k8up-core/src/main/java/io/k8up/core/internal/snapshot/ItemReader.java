package io.k8up.core.internal.snapshot;

import com.google.gson.JsonObject;
import java.io.IOException;
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
    boolean skipping = false;
    builder.startObject();
    input.objectStarts();
    tokens.consume();
    while (tokens.peek() != Tokens.Token.END_MAP) {
      String key = tokens.nextKey();
      KeptKind kept = skipping ? null : keptKind(item, key);
      if (kept != null) {
        fields.startInside(builder.values(), item.keySet(), key);
        ReadObject read = ObjectFields.read(kept, fields, key);
        input.objectEnds();
        return new ItemRead.Streamed(kept, read);
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

  // The kept kind of an item whose first two fields, read into its tree, named a kept kind and its
  // apiVersion, when the next field is neither of them (kubectl writes apiVersion and kind first):
  // the rest can then be read straight into the model. Null otherwise.
  private KeptKind keptKind(JsonObject item, String nextKey) {
    if (item.size() != 2 || item.has(nextKey) || builder.problem() != null) {
      return null;
    }
    KeptKind kept = KeptKind.named(TreeFields.text(item, "kind"));
    return kept != null && kept.apiVersion.equals(TreeFields.text(item, "apiVersion")) ? kept : null;
  }
}
