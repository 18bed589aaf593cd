package io.k8up.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.k8up.core.model.AccessMode;
import io.k8up.core.model.Claim;
import io.k8up.core.testing.Fixtures;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Looking claims up by namespace and name. */
class ClusterSnapshotLookupTest {

  @Test
  void findsEveryClaimItHoldsAndNoOther() {
    qt().withExamples(200)
        .forAll(lists().of(integers().between(0, 40)).ofSizeBetween(0, 30), integers().between(0, 40))
        .checkAssert((numbers, probe) -> {
          Set<Integer> distinct = Set.copyOf(numbers);
          List<Claim> claims = distinct.stream()
              .map(n -> (Claim) Claim.builder().from(Fixtures.boundClaim("c" + n, AccessMode.READ_WRITE_ONCE).build())
                  .namespace("ns" + n % 3).build())
              .collect(Collectors.toList());
          ClusterSnapshot snapshot = ClusterSnapshot.of(claims, List.of(), List.of());

          assertThat(snapshot.claim("ns" + probe % 3, "c" + probe).isPresent()).isEqualTo(distinct.contains(probe));
          assertThat(snapshot.claim("ns" + (probe + 1) % 3, "c" + probe)).isEmpty();
        });
  }
}
