package io.k8up.core.run;

import java.util.Optional;
import org.immutables.value.Value;

/** What running one pod's backup command gave: the outcome of a {@code BACKUP_COMMAND} decision. */
@Value.Immutable
public abstract class CommandReport {

  /** The name its output was stored under, {@code <namespace>-<pod>-<container><extension>}. */
  public abstract String fileName();

  /** How many bytes of output were streamed to the sink. */
  public abstract long bytesStreamed();

  /** The command's exit code; empty when it never ran or its end was not seen. */
  public abstract Optional<Integer> exitCode();

  /** The end of the command's standard error, at most 4 KiB. */
  public abstract String stderr();

  /**
   * What the sink stored it under, e.g. the restic snapshot id (restic before 0.17 gives the short
   * id); only for a success.
   */
  public abstract Optional<String> snapshotId();

  public static ImmutableCommandReport.Builder builder() {
    return ImmutableCommandReport.builder();
  }
}
