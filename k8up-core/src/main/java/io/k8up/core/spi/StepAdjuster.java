package io.k8up.core.spi;

/**
 * Builds the next step from what the finished one showed, such as a claim restored from a snapshot
 * sized to the snapshot's restore size. Pure, like {@link Readiness}.
 */
@FunctionalInterface
public interface StepAdjuster {

  /** {@code next}, as it should be created after {@code finished} was observed done. */
  Step adjust(Step next, StepObservation finished);
}
