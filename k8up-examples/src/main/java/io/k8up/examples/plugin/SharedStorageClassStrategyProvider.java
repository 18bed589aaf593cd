package io.k8up.examples.plugin;

import io.k8up.core.spi.VolumeAccessStrategy;
import io.k8up.core.spi.VolumeAccessStrategyProvider;

/**
 * Makes {@link SharedStorageClassStrategy} installable: {@link
 * io.k8up.core.spi.InstalledStrategies#load()} finds this provider through the line naming it in
 * {@code META-INF/services/io.k8up.core.spi.VolumeAccessStrategyProvider}. In this module that
 * file is a test resource, so the shipped command line does not install the example.
 */
public final class SharedStorageClassStrategyProvider implements VolumeAccessStrategyProvider {

  /** The StorageClass whose shared claims the example backs up. */
  public static final String STORAGE_CLASS = "nfs-client";

  @Override
  public String id() {
    return SharedStorageClassStrategy.ID;
  }

  @Override
  public VolumeAccessStrategy create() {
    return new SharedStorageClassStrategy(STORAGE_CLASS);
  }
}
