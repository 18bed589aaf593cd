package io.k8up.core.internal.snapshot;

/**
 * Where an object is in a source, as messages name it: {@code document 2}, or {@code document 1,
 * items[3]} for an item of a list. Kept for every object read, to name the first of two alike, so
 * the text is made only when a message needs it.
 *
 * @param document the document's number, from 1
 * @param item the item's position in the document's list, from 0; {@link #NO_ITEM} for the document
 */
record Location(int document, int item) {

  static final int NO_ITEM = -1;

  /** Document {@code document} itself. */
  static Location document(int document) {
    return new Location(document, NO_ITEM);
  }

  /** Item {@code index} of this document's list. */
  Location item(int index) {
    return new Location(document, index);
  }

  @Override
  public String toString() {
    return item == NO_ITEM ? "document " + document : "document " + document + ", items[" + item + "]";
  }
}
