package io.k8up.core.sink;

import io.k8up.core.model.CommandTarget;
import io.k8up.core.spi.RunId;
import org.immutables.value.Value;

/** The backup command whose output a {@link BackupSink} receives. */
@Value.Immutable
public abstract class StreamTarget {

  public abstract String namespace();

  public abstract String pod();

  public abstract String container();

  /**
   * The name the output is stored under: {@code <namespace>-<pod>-<container><extension>}, the
   * extension being the pod's {@code k8up.io/file-extension}, as K8up names it.
   */
  public abstract String fileName();

  public abstract RunId runId();

  /** The stream of {@code command}'s output in run {@code runId}. */
  public static StreamTarget of(CommandTarget command, RunId runId) {
    return ImmutableStreamTarget.builder()
        .namespace(command.namespace())
        .pod(command.name())
        .container(command.container())
        .fileName(command.namespace() + "-" + command.name() + "-" + command.container()
            + command.fileExtension().orElse(""))
        .runId(runId)
        .build();
  }
}
