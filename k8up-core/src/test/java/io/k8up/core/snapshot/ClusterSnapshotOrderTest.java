package io.k8up.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k8up.core.model.AccessMode;
import io.k8up.core.model.Claim;
import io.k8up.core.model.Pod;
import io.k8up.core.testing.Fixtures;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Sorting and checking the objects of a snapshot, small ones on one thread and large ones (more
 * than 10,000 claims) with the claims sorted on another.
 */
class ClusterSnapshotOrderTest {

  private static final int SMALL = 50;
  private static final int LARGE = 12_000;

  @Test
  void claimsAndPodsAreSortedByNamespaceAndNameWhateverTheirOrder() {
    for (int size : List.of(SMALL, LARGE)) {
      ClusterSnapshot snapshot = ClusterSnapshot.of(shuffled(claims(size)), List.of(), shuffled(pods(size)));

      assertThat(snapshot.claims()).hasSize(size)
          .isSortedAccordingTo(Comparator.comparing(Claim::namespace).thenComparing(Claim::name));
      assertThat(snapshot.pods()).hasSize(size)
          .isSortedAccordingTo(Comparator.comparing(Pod::namespace).thenComparing(Pod::name));
      assertThat(snapshot.podsMounting("ns-3", "c-3")).extracting(Pod::name).containsExactly("p-3");
    }
  }

  @Test
  void twoClaimsOfOneNameAreSaidBeforeTwoPodsOfOneName() {
    for (int size : List.of(SMALL, LARGE)) {
      List<Claim> claims = claims(size);
      claims.add(claims.get(7));
      List<Pod> pods = pods(size);
      pods.add(pods.get(5));

      assertThatThrownBy(() -> ClusterSnapshot.of(shuffled(claims), List.of(), shuffled(pods)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("two PersistentVolumeClaims are named ns-7/c-7");
      assertThatThrownBy(() -> ClusterSnapshot.of(shuffled(claims(size)), List.of(), shuffled(pods)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("two Pods are named ns-5/p-5");
    }
  }

  private static List<Claim> claims(int count) {
    List<Claim> claims = new ArrayList<>();
    IntStream.range(0, count).forEach(i -> claims.add(Fixtures.boundClaim("c-" + i, AccessMode.READ_WRITE_ONCE)
        .namespace("ns-" + i % 10).build()));
    return claims;
  }

  private static List<Pod> pods(int count) {
    List<Pod> pods = new ArrayList<>();
    IntStream.range(0, count).forEach(i -> pods.add(Fixtures.runningPod("p-" + i, "node-a", "c-" + i)
        .namespace("ns-" + i % 10).build()));
    return pods;
  }

  private static <T> List<T> shuffled(List<T> objects) {
    List<T> copy = new ArrayList<>(objects);
    Collections.shuffle(copy, new Random(objects.size()));
    return copy;
  }
}
