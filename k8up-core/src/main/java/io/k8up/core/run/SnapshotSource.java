package io.k8up.core.run;

import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.snapshot.SnapshotException;
import java.util.Collection;

/** Where the executor takes a fresh snapshot from when it re-plans claims whose placement went stale. */
@FunctionalInterface
public interface SnapshotSource {

  /**
   * The cluster as it is now, in these namespaces.
   *
   * @throws SnapshotException if it cannot be read
   */
  ClusterSnapshot read(Collection<String> namespaces) throws SnapshotException;
}
