package io.k8up.strategy.csisnapshot;

import io.k8up.core.spi.VolumeAccessStrategy;
import io.k8up.core.spi.VolumeAccessStrategyProvider;

/**
 * Provides the {@code csi-snapshot} strategy: each claim backed up from a VolumeSnapshot, through a
 * temporary claim restored from it. Listed in {@code META-INF/services}, so {@link
 * io.k8up.core.spi.InstalledStrategies#load()} finds it when this module is on the class path; it is
 * used only where a strategy order names it.
 */
public final class CsiSnapshotStrategyProvider implements VolumeAccessStrategyProvider {

  /** The strategy's id, as named in strategy orders, plans and the {@code k8up.io/volume-access} annotation. */
  public static final String ID = "csi-snapshot";

  /** For {@link java.util.ServiceLoader}. */
  public CsiSnapshotStrategyProvider() {}

  @Override
  public String id() {
    return ID;
  }

  /** A new strategy; it holds no state, so one can be shared by any number of threads. */
  @Override
  public VolumeAccessStrategy create() {
    return new CsiSnapshotStrategy();
  }
}
