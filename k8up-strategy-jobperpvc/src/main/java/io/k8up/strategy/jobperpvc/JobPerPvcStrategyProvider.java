package io.k8up.strategy.jobperpvc;

import io.k8up.core.spi.VolumeAccessStrategy;
import io.k8up.core.spi.VolumeAccessStrategyProvider;

/**
 * Provides the {@code job-per-pvc} strategy: a batch/v1 Job per unit of claims, on the node that
 * can mount them. Listed in {@code META-INF/services}, so {@link
 * io.k8up.core.spi.InstalledStrategies#load()} finds it when this module is on the class path.
 */
public final class JobPerPvcStrategyProvider implements VolumeAccessStrategyProvider {

  /** The strategy's id, as named in strategy orders and plans. */
  public static final String ID = "job-per-pvc";

  /** For {@link java.util.ServiceLoader}. */
  public JobPerPvcStrategyProvider() {}

  @Override
  public String id() {
    return ID;
  }

  /** A new strategy; it holds no state, so one can be shared by any number of threads. */
  @Override
  public VolumeAccessStrategy create() {
    return new JobPerPvcStrategy();
  }
}
