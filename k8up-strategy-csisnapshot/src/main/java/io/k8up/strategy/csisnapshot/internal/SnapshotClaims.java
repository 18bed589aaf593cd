package io.k8up.strategy.csisnapshot.internal;

import io.k8up.core.model.Claim;
import io.k8up.core.snapshot.ClusterSnapshot;
import java.util.List;
import java.util.Optional;

/** Finds a claim in a snapshot without scanning it: a run materializes every claim, one by one. */
final class SnapshotClaims {

  private SnapshotClaims() {}

  /**
   * The claim {@code namespace/name}, by binary search over the snapshot's claims, which are sorted
   * by namespace and name.
   */
  static Optional<Claim> find(ClusterSnapshot snapshot, String namespace, String name) {
    List<Claim> claims = snapshot.claims();
    int low = 0;
    int high = claims.size() - 1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      Claim claim = claims.get(middle);
      int order = claim.namespace().compareTo(namespace);
      if (order == 0) {
        order = claim.name().compareTo(name);
      }
      if (order < 0) {
        low = middle + 1;
      } else if (order > 0) {
        high = middle - 1;
      } else {
        return Optional.of(claim);
      }
    }
    return Optional.empty();
  }
}
