package io.k8up.core.internal.snapshot;

/**
 * What reading a kept object found.
 *
 * @param fields its fields, which build its model
 * @param problem the first key found twice in one mapping, as a message; null if none
 * @param typeError the first value of the wrong type; null if none
 * @param built its model, built where it was read, so that a list's items are built on the
 *     threads that read them and not on the one that adds them in order; null if not built
 * @param buildProblem why its model could not be built there; null if none
 */
record ReadObject(
    ObjectFields fields, String problem, FieldTypeException typeError, Object built, String buildProblem) {

  /**
   * The model, built where the object was read if it could be, else now.
   *
   * @throws IllegalArgumentException if a field the model requires is missing
   */
  Object model() {
    if (built != null) {
      return built;
    }
    if (buildProblem != null) {
      throw new IllegalArgumentException(buildProblem);
    }
    return fields.build();
  }
}
