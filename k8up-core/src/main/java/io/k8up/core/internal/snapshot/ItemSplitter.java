package io.k8up.core.internal.snapshot;

import java.io.IOException;
import java.io.InputStream;

/**
 * Cuts the items of a source's first list out of its bytes, so that they can be read apart
 * ({@link ParallelListReader}), and gives back the rest of the source with the list left empty.
 * Only a source that starts as kubectl writes a list is cut: anything else is declined, and read
 * as a whole.
 */
interface ItemSplitter {

  /**
   * Reads up to the first item of the list.
   *
   * @return false if the source does not start with a list this splitter cuts; what was read is
   *     then {@link ByteInput#recorded()}
   */
  boolean enter() throws IOException;

  /** The next item, or null after the last one. */
  Chunk next() throws IOException;

  /** The source without its list's items, after {@link #next()} returned null. */
  InputStream rest();

  /** Where the positions of {@link #rest()} are in the source. */
  Origin restOrigin();

  /** How many characters of the source {@link #rest()} holds that were read already. */
  long restCharsReadAlready();

  /** Whether the source is JSON (else YAML). */
  boolean json();
}
