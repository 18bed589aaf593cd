package io.k8up.core.internal.snapshot;

/** The kinds a snapshot keeps, each of one apiVersion. */
enum KeptKind {
  PERSISTENT_VOLUME_CLAIM("PersistentVolumeClaim", "v1", true),
  PERSISTENT_VOLUME("PersistentVolume", "v1", false),
  POD("Pod", "v1", true),
  NODE("Node", "v1", false),
  VOLUME_SNAPSHOT_CLASS("VolumeSnapshotClass", "snapshot.storage.k8s.io/v1", false);

  // values() copies its array at every call, and every item read asks.
  private static final KeptKind[] ALL = values();

  final String kind;
  /** The one apiVersion kept; objects of the kind in other versions are ignored. */
  final String apiVersion;
  final boolean namespaced;

  KeptKind(String kind, String apiVersion, boolean namespaced) {
    this.kind = kind;
    this.apiVersion = apiVersion;
    this.namespaced = namespaced;
  }

  /** The kept kind named {@code kind}, or null if it is none (no Optional: every item asks). */
  static KeptKind named(String kind) {
    for (KeptKind kept : ALL) {
      if (kept.kind.equals(kind)) {
        return kept;
      }
    }
    return null;
  }
}
