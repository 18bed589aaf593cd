package io.k8up.core.kube;

import java.io.Closeable;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;

/** A command running in a container, started by {@link KubeGateway#exec}: its output, then how it ended. */
public interface ExecSession extends Closeable {

  /** The command's standard output, ending when the command ends or the connection breaks. */
  InputStream stdout();

  /** The command's standard error, ending as {@link #stdout()} does. */
  InputStream stderr();

  /**
   * How the command ended, once the server said so, waiting at most {@code timeout}; empty if it
   * did not say in time.
   */
  Optional<ExecEnd> awaitEnd(Duration timeout) throws InterruptedException;

  /** Closes the connection; the command may go on in the container. Never throws. */
  @Override
  void close();
}
