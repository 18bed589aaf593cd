package io.k8up.core.internal.snapshot;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.base.Strings;
import io.k8up.core.model.SnapshotClass;
import java.io.IOException;

/** The fields of a VolumeSnapshotClass ({@code snapshot.storage.k8s.io/v1}) that {@link SnapshotClass} needs. */
final class SnapshotClassFields extends ObjectFields {

  private String driver;

  @Override
  void field(String key, FieldReader reader) throws IOException {
    if (key.equals("driver")) {
      driver = reader.string();
    } else {
      reader.skip();
    }
  }

  @Override
  Object build() {
    checkArgument(!Strings.isNullOrEmpty(driver), "driver is missing");
    return SnapshotClass.builder().name(name).driver(driver).annotations(annotations).build();
  }
}
