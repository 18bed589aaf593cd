package io.k8up.core.internal.snapshot;

import io.k8up.core.snapshot.SnapshotException;
import java.util.ArrayList;
import java.util.List;

/**
 * The problems a reader finds, so that a user fixes a file in one round instead of one error per
 * run; after {@link SnapshotException#MAX_PROBLEMS} the reader stops looking.
 */
public final class Problems {

  private final List<String> found = new ArrayList<>();

  /** Records a problem. */
  public void add(String problem) {
    if (!isFull()) {
      found.add(problem);
    }
  }

  /**
   * Records the problem that ended the read, such as broken syntax, before the others: it is what
   * a user must fix first, and objects read before it may be parts of a mangled whole.
   */
  public void addFirst(String problem) {
    found.add(0, problem);
    if (found.size() > SnapshotException.MAX_PROBLEMS) {
      found.remove(found.size() - 1);
    }
  }

  /** Whether as many problems were found as an exception lists, so reading can stop. */
  public boolean isFull() {
    return found.size() >= SnapshotException.MAX_PROBLEMS;
  }

  /** Whether any problem was found. */
  public boolean any() {
    return !found.isEmpty();
  }

  /**
   * Throws an exception listing the problems, if there are any.
   *
   * @throws SnapshotException if a problem was found
   */
  public void throwIfAny() throws SnapshotException {
    if (any()) {
      throw new SnapshotException(found, found.size());
    }
  }
}
