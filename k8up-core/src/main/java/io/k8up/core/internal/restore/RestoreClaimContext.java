package io.k8up.core.internal.restore;

import io.k8up.core.model.Claim;
import io.k8up.core.model.PersistentVolume;
import io.k8up.core.model.Pod;
import io.k8up.core.plan.ClaimContext;
import io.k8up.core.snapshot.ClusterSnapshot;
import java.util.List;

/** The target claim of a restore, as the node rules see a claim they place. */
record RestoreClaimContext(Claim claim, PersistentVolume volume, List<Pod> mountingPods, ClusterSnapshot snapshot)
    implements ClaimContext {}
