package io.k8up.core.internal.snapshot;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One string for short texts that repeat, read from bytes: the keys of a list's items and many of
 * their values ("v1", a kind, a namespace, a phase) repeat from item to item, and a new string for
 * each was about a quarter of what reading a list allocated. A cache of fixed size, where a text
 * pushes out another with the same slot once it was seen twice in a row there; texts that do not
 * repeat, such as names, only pass through, and are not copied into it.
 */
final class RepeatedStrings {

  private static final int SLOTS = 512;
  // The longest text cached; a longer one is always a new string.
  private static final int MAX_LENGTH = 32;

  // The bytes of each string: String.charAt, one at a time, costs more than the string saved.
  private final byte[][] bytes = new byte[SLOTS][];
  private final String[] strings = new String[SLOTS];
  // The hash of the text last missed in each slot.
  private final int[] missed = new int[SLOTS];

  /**
   * The string of the ASCII bytes {@code source[from, to)}, whose hash is {@code hash}: {@code h =
   * 31 * h + b} over the bytes from {@code h = 0}, which a caller that scans them takes on the way.
   */
  String of(byte[] source, int from, int to, int hash) {
    int length = to - from;
    if (length > MAX_LENGTH) {
      return new String(source, from, length, StandardCharsets.ISO_8859_1);
    }
    int slot = (hash ^ hash >>> 9) & (SLOTS - 1);
    byte[] cached = bytes[slot];
    if (cached != null && sameBytes(cached, source, from, length)) {
      return strings[slot];
    }
    String string = new String(source, from, length, StandardCharsets.ISO_8859_1);
    if (missed[slot] == hash) {
      bytes[slot] = Arrays.copyOfRange(source, from, to);
      strings[slot] = string;
    }
    missed[slot] = hash;
    return string;
  }

  // A loop of its own: short texts, for which Arrays.equals's checks and calls cost more.
  private static boolean sameBytes(byte[] cached, byte[] source, int from, int length) {
    if (cached.length != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (cached[i] != source[from + i]) {
        return false;
      }
    }
    return true;
  }
}
