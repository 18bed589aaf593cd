package io.k8up.core.internal.snapshot;

/**
 * The text of one item of a list, cut from its source to be read on its own.
 *
 * @param bytes its UTF-8 bytes
 * @param origin where it starts in the source
 * @param index its position in the list, from 0
 */
record Chunk(byte[] bytes, Origin origin, int index) {

  /** The source's line where the item starts. */
  long line() {
    return origin.toLine();
  }
}
