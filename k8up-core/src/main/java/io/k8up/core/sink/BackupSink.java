package io.k8up.core.sink;

import java.io.IOException;

/**
 * Receives the output of backup commands, one stream per command. Implementations must be
 * thread-safe: the executor streams several commands at once, within its concurrency limits.
 *
 * @see ResticSink the default
 */
public interface BackupSink {

  /**
   * Starts receiving the output of the command {@code target} describes.
   *
   * @throws IOException if the sink cannot receive it, e.g. its tool cannot be started; the claim
   *     fails with the message
   */
  SinkWriter open(StreamTarget target) throws IOException;
}
