package io.k8up.core.spi;

/**
 * Creates a {@link VolumeAccessStrategy}; found through {@link java.util.ServiceLoader}.
 *
 * <p>Implementations need a public no-argument constructor and a line with their class name in
 * {@code META-INF/services/io.k8up.core.spi.VolumeAccessStrategyProvider}.
 */
public interface VolumeAccessStrategyProvider {

  /** The id of the strategy this provider creates; unique among installed providers. */
  String id();

  /** A new strategy. */
  VolumeAccessStrategy create();
}
