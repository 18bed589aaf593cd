package io.k8up.core.internal.snapshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Where a {@link FieldReader} is in an object, level by level: the key being read in a mapping or
 * the position in a list, and the keys the mapping had so far. Held in arrays used again from
 * object to object: a list of boxed positions and a set per mapping cost more than reading the
 * values did.
 */
final class ReadPath {

  private static final int MAPPING = Integer.MIN_VALUE;

  // Per level: the key being read (null before the first), or the list position (-1 before the
  // first element, MAPPING in a mapping).
  private String[] keys = new String[8];
  private int[] positions = new int[8];
  private KeySet[] keySets = new KeySet[8];
  private int depth;

  /** Leaves every level. */
  void clear() {
    depth = 0;
  }

  /** Enters a mapping, with no key read yet. */
  void enterMapping() {
    enter(MAPPING);
    keySets[depth - 1].clear();
  }

  /** Enters a list, before its first element. */
  void enterList() {
    enter(-1);
  }

  /** Notes that {@code key} of the innermost mapping is read; false if the mapping had it before. */
  boolean key(String key) {
    keys[depth - 1] = key;
    return keySets[depth - 1].add(key);
  }

  /** Notes that the innermost mapping had {@code keys} already. */
  void keysBefore(Collection<String> keys) {
    keySets[depth - 1].addAll(keys);
  }

  /** Moves to the next element of the innermost list. */
  void nextElement() {
    positions[depth - 1]++;
  }

  /** Leaves the innermost level. */
  void leave() {
    depth--;
  }

  /** The path as users write it ({@link FieldPath}). */
  @Override
  public String toString() {
    List<Object> parts = new ArrayList<>(depth);
    for (int level = 0; level < depth; level++) {
      parts.add(positions[level] == MAPPING ? keys[level] : Integer.valueOf(positions[level]));
    }
    return FieldPath.of(parts);
  }

  private void enter(int position) {
    if (depth == keys.length) {
      keys = Arrays.copyOf(keys, depth * 2);
      positions = Arrays.copyOf(positions, depth * 2);
      keySets = Arrays.copyOf(keySets, depth * 2);
    }
    if (keySets[depth] == null) {
      keySets[depth] = new KeySet();
    }
    keys[depth] = null;
    positions[depth] = position;
    depth++;
  }
}
