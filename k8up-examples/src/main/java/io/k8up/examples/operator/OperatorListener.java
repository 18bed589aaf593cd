package io.k8up.examples.operator;

import io.k8up.core.run.BackupReport;

/**
 * Hears how the operator's scheduled backups end. Called on the operator's scheduling thread, one
 * call at a time; a method that blocks delays the next backup, and one that throws is logged.
 */
@FunctionalInterface
public interface OperatorListener {

  /** A backup ran, to its end or until shutdown interrupted it ({@link BackupReport#interrupted()}). */
  void reported(BackupReport report);

  /** A backup could not run, e.g. because the server could not be reached; default: logged. */
  default void failed(Exception error) {
    System.getLogger(BackupOperator.class.getName())
        .log(System.Logger.Level.WARNING, "a scheduled backup could not run", error);
  }
}
