/**
 * Where the output of a pod's backup command ({@code k8up.io/backupcommand}) goes.
 *
 * <p>The executor runs the command through the {@code pods/exec} subresource and streams its
 * standard output, never held whole in memory, into a {@link io.k8up.core.sink.BackupSink}. The
 * default sink is {@link io.k8up.core.sink.ResticSink}: a local {@code restic backup --stdin}
 * process. A sink keeps what it received only when the executor {@linkplain
 * io.k8up.core.sink.SinkWriter#commit() commits} it, which it does only after the command exited
 * 0; every other ending {@linkplain io.k8up.core.sink.SinkWriter#abort() aborts} it.
 */
package io.k8up.core.sink;
