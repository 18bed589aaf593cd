package io.k8up.core.internal.snapshot;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One string for short texts that repeat, read from bytes: the keys of a list's items and many of
 * their values ("v1", a kind, a namespace, a phase) repeat from item to item, and a new string for
 * each was about a quarter of what reading a list allocated. A cache of fixed size, where a text
 * pushes out another with the same slot; texts that do not repeat, such as names, only pass
 * through.
 */
final class RepeatedStrings {

  private static final int SLOTS = 512;
  /** The longest text cached; a longer one is always a new string. */
  static final int MAX_LENGTH = 32;

  // The bytes of each string, compared in one call: String.charAt one at a time costs more than
  // the string saved.
  private final byte[][] bytes = new byte[SLOTS][];
  private final String[] strings = new String[SLOTS];

  /** The string of the ASCII bytes {@code source[from, to)}. */
  String of(byte[] source, int from, int to) {
    int length = to - from;
    if (length > MAX_LENGTH) {
      return new String(source, from, length, StandardCharsets.ISO_8859_1);
    }
    int hash = length;
    for (int i = from; i < to; i++) {
      hash = 31 * hash + source[i];
    }
    int slot = (hash ^ hash >>> 9) & (SLOTS - 1);
    byte[] cached = bytes[slot];
    if (cached != null && Arrays.equals(cached, 0, cached.length, source, from, to)) {
      return strings[slot];
    }
    String string = new String(source, from, length, StandardCharsets.ISO_8859_1);
    bytes[slot] = Arrays.copyOfRange(source, from, to);
    strings[slot] = string;
    return string;
  }
}
