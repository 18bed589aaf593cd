package io.k8up.core.snapshot;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.Collection;

/**
 * Thrown when a {@link ClusterSnapshot} cannot be read, from a file or from a cluster.
 *
 * <p>{@link #getMessage()} is one line a user can act on: it names where the problem is (file,
 * document, object, field; or API server, verb and resource) and never holds a stack trace,
 * credentials or field values. When a reader found several problems, {@link #problems()} lists
 * them (at most {@value #MAX_PROBLEMS}) and the message is the first followed by how many more
 * there are.
 */
public final class SnapshotException extends Exception {

  /** The most problems an exception lists; a reader stops collecting after this many. */
  public static final int MAX_PROBLEMS = 20;

  private static final long serialVersionUID = 1L;

  private final ImmutableList<String> problems;

  /**
   * An exception for one problem.
   *
   * @throws NullPointerException if {@code problem} is null
   */
  public SnapshotException(String problem) {
    this(ImmutableList.of(problem), 1, null);
  }

  /**
   * An exception for one problem caused by {@code cause}, whose own message is not repeated.
   *
   * @throws NullPointerException if {@code problem} or {@code cause} is null
   */
  public SnapshotException(String problem, Throwable cause) {
    this(ImmutableList.of(problem), 1, checkNotNull(cause, "cause"));
  }

  /**
   * An exception for several problems.
   *
   * @param problems the problems to list, in the order found; only the first {@value
   *     #MAX_PROBLEMS} are kept
   * @param found how many problems were found in all, which may exceed the number listed
   * @throws IllegalArgumentException if {@code problems} is empty or {@code found} is smaller than
   *     its size
   * @throws NullPointerException if {@code problems} is or holds null
   */
  public SnapshotException(Collection<String> problems, int found) {
    this(ImmutableList.copyOf(problems), found, null);
  }

  private SnapshotException(ImmutableList<String> problems, int found, Throwable cause) {
    super(message(problems, found), cause);
    this.problems =
        problems.stream()
            .limit(MAX_PROBLEMS)
            .map(SnapshotException::oneLine)
            .collect(ImmutableList.toImmutableList());
  }

  private static String message(ImmutableList<String> problems, int found) {
    checkArgument(!problems.isEmpty(), "no problem given");
    checkArgument(found >= problems.size(), "found %s problems but %s are given", found, problems.size());
    String first = oneLine(problems.get(0));
    int more = found - 1;
    if (more == 0) {
      return first;
    }
    return first + " (and " + more + " more problem" + (more == 1 ? "" : "s") + ")";
  }

  // A message is shown on one line of a terminal or log, whatever text a caller put in it.
  private static String oneLine(String text) {
    return text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }

  /** Every problem found, at most {@value #MAX_PROBLEMS}, in the order found; never empty. */
  public ImmutableList<String> problems() {
    return problems;
  }
}
