/**
 * An example operator on the Java Operator SDK: a {@link io.k8up.examples.josdk.BackupSchedule}
 * custom resource, and {@link io.k8up.examples.josdk.BackupScheduleReconciler}, which runs each
 * schedule's due backup through k8up-rwo on the fabric8 gateway and writes the outcome into the
 * resource's status. {@link io.k8up.examples.josdk.BackupScheduleOperator} starts it.
 */
package io.k8up.examples.josdk;
