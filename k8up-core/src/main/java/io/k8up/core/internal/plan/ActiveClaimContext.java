package io.k8up.core.internal.plan;

import io.k8up.core.model.Claim;
import io.k8up.core.model.PersistentVolume;
import io.k8up.core.model.Pod;
import io.k8up.core.plan.ClaimContext;
import io.k8up.core.snapshot.ClusterSnapshot;
import java.util.List;

/** The context of one claim while it is being placed. */
record ActiveClaimContext(Claim claim, PersistentVolume volume, List<Pod> mountingPods, ClusterSnapshot snapshot)
    implements ClaimContext {}
