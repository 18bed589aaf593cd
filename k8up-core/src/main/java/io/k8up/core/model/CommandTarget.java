package io.k8up.core.model;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * The output of an application pod's backup command ({@code k8up.io/backupcommand}), run in one of
 * its containers.
 */
@Value.Immutable
public abstract class CommandTarget implements BackupTarget {

  @Override
  public abstract String namespace();

  /** The pod's name. */
  @Override
  public abstract String name();

  /** The command, as the annotation gives it. */
  public abstract String command();

  /** The container to run it in. */
  public abstract String container();

  /** The extension of the file the output is stored as ({@code k8up.io/file-extension}). */
  public abstract Optional<String> fileExtension();

  /** The node the pod runs on, once scheduled. */
  public abstract Optional<String> node();

  public static ImmutableCommandTarget.Builder builder() {
    return ImmutableCommandTarget.builder();
  }
}
