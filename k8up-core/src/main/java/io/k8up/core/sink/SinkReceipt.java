package io.k8up.core.sink;

import java.util.Optional;
import org.immutables.value.Value;

/** What a {@link BackupSink} stored for one command. */
@Value.Immutable
public abstract class SinkReceipt {

  /** The id the sink stored it under, such as a restic snapshot id, when it has one. */
  public abstract Optional<String> snapshotId();

  public static SinkReceipt of(Optional<String> snapshotId) {
    return ImmutableSinkReceipt.builder().snapshotId(snapshotId).build();
  }
}
