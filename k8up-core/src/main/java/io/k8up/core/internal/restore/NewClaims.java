package io.k8up.core.internal.restore;

import com.google.common.collect.ImmutableList;
import io.k8up.core.internal.plan.AccessModes;
import io.k8up.core.model.Claim;
import io.k8up.core.model.Placement;
import io.k8up.core.restore.NewClaim;
import io.k8up.core.restore.RestoreDecision;
import io.k8up.core.restore.RestoreMethod;
import io.k8up.core.restore.RestoreReason;
import io.k8up.core.restore.RestoreRequest;
import io.k8up.core.restore.RestoreTarget;
import io.k8up.core.snapshot.ClusterSnapshot;
import java.util.Optional;

/** Decides a restore into a claim ({@code --to}) that does not exist yet: created like the backed-up one. */
final class NewClaims {

  private NewClaims() {}

  static RestoreDecision decide(RestoreRequest request, ClusterSnapshot snapshot) {
    String target = RestoreDecider.name(request);
    String source = request.namespace() + "/" + request.claim();
    Optional<Claim> original = snapshot.claim(request.namespace(), request.claim());
    if (original.isEmpty()) {
      return RestoreDecision.fail(request, RestoreReason.CLAIM_NOT_FOUND, "Neither the target claim " + target
          + " nor the backed-up claim " + source + " exists, so the storage class, size and access modes of a new"
          + " claim are unknown. Create " + target + " yourself and restore again.");
    }
    Claim claim = original.get();
    if (claim.requestedBytes().isEmpty() || claim.specAccessModes().isEmpty()) {
      return RestoreDecision.fail(request, RestoreReason.SOURCE_SPEC_UNKNOWN, "Claim " + target + " does not exist,"
          + " and " + source + ", whose spec a new claim would copy, does not say its "
          + (claim.requestedBytes().isEmpty() ? "size (spec.resources.requests.storage)" : "access modes")
          + ". Create " + target + " yourself and restore again.");
    }
    Optional<String> storageClass = claim.asksForNoStorageClass() ? Optional.of("") : claim.storageClassName();
    NewClaim spec = NewClaim.of(storageClass, claim.requestedBytes().get(), claim.specAccessModes());
    RestoreTarget restore = RestoreTarget.builder()
        .from(RestoreDecider.target(request, Placement.anywhere(), RestoreMethod.JOB, ImmutableList.of()))
        .newClaim(spec)
        .build();
    return RestoreDecision.restore(request, restore, RestoreReason.NEW_CLAIM, "Claim " + target + " does not exist:"
        + " the restore creates it like " + source + " (" + storageClass
        .map(c -> c.isEmpty() ? "no StorageClass, storageClassName \"\"" : "StorageClass " + c)
        .orElse("the default StorageClass") + ", " + spec.requestedBytes() + " bytes, "
        + AccessModes.describe(spec.accessModes()) + "), and the scheduler places the restore pod, which binds it.");
  }
}
