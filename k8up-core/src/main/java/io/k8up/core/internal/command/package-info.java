/**
 * Running a pod's backup command: the {@code pods/exec} connection, and streaming its output into
 * a {@link io.k8up.core.sink.BackupSink}. Internal: no compatibility promise.
 */
package io.k8up.core.internal.command;
