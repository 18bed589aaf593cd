package io.k8up.core.snapshot;

import com.google.common.collect.ImmutableList;
import io.k8up.core.model.ClusterCapabilities;
import io.k8up.core.model.SnapshotClass;

/**
 * The cluster-scoped parts of a snapshot that readers add on request, kept together so that a
 * snapshot restricted to some namespaces, or given one more part, shares the rest.
 */
record ClusterWide(NodeIndex nodes, ClusterCapabilities capabilities, ImmutableList<SnapshotClass> snapshotClasses) {

  static final ClusterWide NONE = new ClusterWide(NodeIndex.NONE, ClusterCapabilities.unknown(), ImmutableList.of());

  ClusterWide withNodes(NodeIndex nodes) {
    return new ClusterWide(nodes, capabilities, snapshotClasses);
  }

  ClusterWide withCapabilities(ClusterCapabilities capabilities) {
    return new ClusterWide(nodes, capabilities, snapshotClasses);
  }

  ClusterWide withSnapshotClasses(ImmutableList<SnapshotClass> snapshotClasses) {
    return new ClusterWide(nodes, capabilities, snapshotClasses);
  }
}
