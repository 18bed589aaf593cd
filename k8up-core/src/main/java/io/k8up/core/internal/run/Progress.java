package io.k8up.core.internal.run;

import io.k8up.core.model.CommandTarget;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.run.ProgressEvent;
import io.k8up.core.run.ProgressListener;
import java.util.Optional;

/** Tells the run's listener what happens to each unit; a listener that throws does not stop the run. */
final class Progress {

  private final ProgressListener listener;

  Progress(ProgressListener listener) {
    this.listener = listener;
  }

  void emit(ProgressEvent.Type type, BackupUnit unit, Optional<String> node, String message) {
    ProgressEvent event = ProgressEvent.builder()
        .type(type)
        .unitId(unit.id())
        .namespace(unit.namespace())
        .claims(unit.claimNames())
        .node(node)
        .attempt(unit.attempt())
        .message(message)
        .build();
    tell(event);
  }

  /** A pod's backup command: its unit id is {@code command/<pod>/<container>}, with no claims. */
  void emitCommand(ProgressEvent.Type type, CommandTarget command, String message) {
    tell(ProgressEvent.builder()
        .type(type)
        .unitId("command/" + command.name() + "/" + command.container())
        .namespace(command.namespace())
        .node(command.node())
        .attempt(1)
        .message(message)
        .build());
  }

  private void tell(ProgressEvent event) {
    try {
      listener.onEvent(event);
    } catch (RuntimeException e) {
      // A listener's failure must not stop a backup; the report still tells everything.
    }
  }
}
