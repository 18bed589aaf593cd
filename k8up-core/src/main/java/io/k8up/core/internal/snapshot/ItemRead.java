package io.k8up.core.internal.snapshot;

import com.google.gson.JsonObject;

/**
 * What reading one item of a list found, before it is added to a {@link SnapshotAssembler}: items
 * read on other threads ({@link ParallelListReader}) are added in their list's order.
 */
sealed interface ItemRead {

  /** A kept object, read straight into its fields. */
  record Streamed(KeptKind kept, ReadObject read) implements ItemRead {}

  /** An object of a kind a snapshot does not keep, of which only the start was built. */
  record Skipped(JsonObject partial) implements ItemRead {}

  /**
   * An object refused as it was read, e.g. for a key twice in one mapping; {@code partial} is as
   * much of it as was built, to name it in the message.
   */
  record Refused(JsonObject partial, String problem) implements ItemRead {}

  /** An object built as a tree, which may need its list's kind to be read. */
  record Tree(JsonObject item) implements ItemRead {

    /** Whether it names its own kind and apiVersion, needing nothing from its list. */
    boolean complete() {
      return TreeFields.text(item, "kind") != null && TreeFields.text(item, "apiVersion") != null;
    }
  }

  /** An item that is no mapping; {@code what} says what it is, e.g. "a list". */
  record NotAnObject(String what) implements ItemRead {}

  /** The item's text is malformed or beyond a limit: the read ends here. */
  record Failed(String problem) implements ItemRead {}
}
