package io.k8up.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotExceptionTest {

  @Test
  void singleProblemIsTheMessage() {
    SnapshotException e = new SnapshotException("f.yaml: holds no Kubernetes objects");

    assertThat(e).hasMessage("f.yaml: holds no Kubernetes objects");
    assertThat(e.problems()).containsExactly("f.yaml: holds no Kubernetes objects");
  }

  @Test
  void severalProblemsShowTheFirstAndHowManyMore() {
    assertThat(new SnapshotException(List.of("a", "b"), 2)).hasMessage("a (and 1 more problem)");
    assertThat(new SnapshotException(List.of("a", "b", "c"), 3))
        .hasMessage("a (and 2 more problems)");
  }

  @Test
  void moreProblemsThanListedAreCountedButNotKept() {
    SnapshotException e = new SnapshotException(Collections.nCopies(25, "p"), 40);

    assertThat(e.problems()).hasSize(SnapshotException.MAX_PROBLEMS);
    assertThat(e).hasMessage("p (and 39 more problems)");
  }

  @Test
  void messageIsAlwaysOneLine() {
    SnapshotException e = new SnapshotException("first\nsecond\r\n  third ", new RuntimeException());

    assertThat(e).hasMessage("first second third");
    assertThat(e.problems()).containsExactly("first second third");
  }

  @Test
  void noProblemIsRejected() {
    assertThatThrownBy(() -> new SnapshotException(List.of(), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
