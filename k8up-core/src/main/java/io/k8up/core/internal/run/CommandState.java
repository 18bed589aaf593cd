package io.k8up.core.internal.run;

import io.k8up.core.internal.command.CommandResult;
import io.k8up.core.internal.command.CommandStream;
import io.k8up.core.model.CommandTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Future;

/**
 * A pod's backup command, streaming on a worker thread since a stream blocks: the engine's other
 * kind of running unit, counted against the same limits as claim units. It runs in the pod's
 * container, on the pod's node.
 */
record CommandState(CommandTarget command, CommandStream stream, Future<CommandResult> result, Instant started)
    implements Running {

  /** The key of {@code command} among running units. */
  static String keyOf(CommandTarget command) {
    return "command/" + command.namespace() + "/" + command.name() + "/" + command.container();
  }

  @Override
  public String key() {
    return keyOf(command);
  }

  @Override
  public String namespace() {
    return command.namespace();
  }

  @Override
  public Optional<NodeSlot> nodeSlot() {
    return command.node().map(NodeSlot::pinned);
  }

  Duration ran(Instant now) {
    return Duration.between(started, now);
  }
}
