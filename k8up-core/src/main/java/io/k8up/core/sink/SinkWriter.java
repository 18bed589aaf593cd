package io.k8up.core.sink;

import java.io.IOException;
import java.io.OutputStream;

/**
 * One command's output on its way into a {@link BackupSink}. The executor writes the whole output
 * to {@link #stream()}, then calls exactly one of {@link #commit()} and {@link #abort()}.
 */
public interface SinkWriter {

  /** Where the command's output is written, as it arrives. */
  OutputStream stream();

  /**
   * Ends the stream and keeps what was written as a backup; called only after the command exited 0.
   *
   * @return what was stored
   * @throws IOException if the sink could not store it; nothing may then be kept as a backup
   */
  SinkReceipt commit() throws IOException, InterruptedException;

  /**
   * Discards the stream: the command failed, could not start, or the run ran out of time. Nothing
   * written so far may be kept as a backup. Safe to call from another thread while {@link
   * #stream()} is being written, and more than once.
   */
  void abort();
}
