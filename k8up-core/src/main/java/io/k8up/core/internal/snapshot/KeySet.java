package io.k8up.core.internal.snapshot;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The keys of one mapping read so far, to find a key given twice. A mapping has a few keys nearly
 * always, so they are compared one by one in an array that is cleared and used again from mapping
 * to mapping; a hash set holds them only past {@link #FEW}. A hash set per mapping was most of what
 * reading a list's items allocated.
 */
final class KeySet {

  private static final int FEW = 16;

  private final String[] few = new String[FEW];
  // Their hashes, compared first: nearly every key differs from the others in its hash.
  private final int[] hashes = new int[FEW];
  private int size;
  // Null while the mapping has at most FEW keys.
  private Set<String> many;

  /** Adds {@code key}; false if the mapping had it already. */
  boolean add(String key) {
    if (many != null) {
      return many.add(key);
    }
    int hash = key.hashCode();
    for (int i = 0; i < size; i++) {
      if (hashes[i] == hash && few[i].equals(key)) {
        return false;
      }
    }
    if (size < FEW) {
      hashes[size] = hash;
      few[size++] = key;
      return true;
    }
    many = new HashSet<>(Arrays.asList(few));
    return many.add(key);
  }

  /** Adds each of {@code keys}. */
  void addAll(Collection<String> keys) {
    keys.forEach(this::add);
  }

  /** Forgets every key, for the next mapping. */
  void clear() {
    size = 0;
    many = null;
  }
}
