package io.k8up.core.spi;

/**
 * Where a step stands, decided from what the engine observed of it. Must be pure and thread-safe:
 * no API calls, no clock but {@link StepObservation#now()}; the engine calls it once per look at
 * the step, and treats a throw as the unit's failure.
 */
@FunctionalInterface
public interface Readiness {

  /** The step's state, as {@code observation} shows it. */
  StepState check(StepObservation observation);
}
