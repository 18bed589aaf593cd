package io.k8up.core.testing;

import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.BackupUnit;

/**
 * A unit a strategy supports and the cluster it was planned from: what a {@link
 * VolumeAccessStrategyContract} subclass gives the contract to materialize.
 *
 * @param unit the unit, of the claims the contract named
 * @param snapshot a cluster in which the strategy supports every claim of the unit
 */
public record SupportedUnit(BackupUnit unit, ClusterSnapshot snapshot) {}
