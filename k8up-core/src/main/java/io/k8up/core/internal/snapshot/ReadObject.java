package io.k8up.core.internal.snapshot;

/**
 * What reading a kept object found.
 *
 * @param fields its fields, which build its model
 * @param problem the first key found twice in one mapping, as a message; null if none
 * @param typeError the first value of the wrong type; null if none
 */
record ReadObject(ObjectFields fields, String problem, FieldTypeException typeError) {}
