package io.k8up.examples.josdk;

import io.javaoperatorsdk.operator.Operator;

/**
 * Starts the operator with the cluster configuration fabric8 finds (in-cluster service account or
 * kubeconfig), reconciling {@link BackupSchedule}s in every namespace its RBAC lets it watch.
 */
public final class BackupScheduleOperator {

  private BackupScheduleOperator() {}

  /** Registers {@link BackupScheduleReconciler} and runs until the process is stopped. */
  public static void main(String[] args) {
    Operator operator = new Operator();
    operator.register(BackupScheduleReconciler.builder().build());
    operator.start();
  }
}
