package io.k8up.core.restore;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.immutables.value.Value;

/**
 * Which backup of a claim to restore: the latest, one by its restic snapshot id, or the latest
 * taken at or before a time. Only the restore pod can tell which snapshot that is, since only it
 * opens the repository; among the claim's own backups (those restic finds by the namespace as host,
 * the claim's path and the library's tag), never another claim's.
 */
@Value.Immutable(builder = false)
public abstract class SnapshotChoice {

  /** The kinds of choice. */
  public enum Kind {
    /** The claim's latest backup. */
    LATEST,
    /** The claim's backup with this snapshot id, in full or a prefix of it. */
    ID,
    /** The claim's latest backup taken at or before a time. */
    AS_OF
  }

  private static final Pattern SNAPSHOT_ID = Pattern.compile("[0-9a-f]{8,64}");
  private static final SnapshotChoice LATEST = ImmutableSnapshotChoice.of(Kind.LATEST, Optional.empty(), Optional.empty());

  @Value.Parameter
  public abstract Kind kind();

  /** For {@link Kind#ID}: the snapshot id or a prefix of it, as {@code restic snapshots} prints it. */
  @Value.Parameter
  public abstract Optional<String> snapshotId();

  /** For {@link Kind#AS_OF}: the latest backup at or before this time is restored. */
  @Value.Parameter
  public abstract Optional<Instant> asOf();

  @Value.Check
  void check() {
    checkState(snapshotId().isPresent() == (kind() == Kind.ID), "a snapshot id goes with ID only");
    checkState(asOf().isPresent() == (kind() == Kind.AS_OF), "a time goes with AS_OF only");
  }

  /** In words for a person: {@code the latest backup}, {@code backup 1a2b3c4d}, {@code the latest backup at or before 2026-…}. */
  public String describe() {
    switch (kind()) {
      case ID:
        return "backup " + snapshotId().orElseThrow();
      case AS_OF:
        return "the latest backup at or before " + asOf().orElseThrow();
      default:
        return "the latest backup";
    }
  }

  /** The claim's latest backup. */
  public static SnapshotChoice latest() {
    return LATEST;
  }

  /**
   * The claim's backup with snapshot id {@code id}, or the only one whose id starts with it.
   *
   * @throws IllegalArgumentException unless {@code id} is 8 to 64 lower-case hexadecimal digits, as
   *     restic prints ids (a short id is 8)
   */
  public static SnapshotChoice id(String id) {
    checkNotNull(id, "id");
    checkArgument(SNAPSHOT_ID.matcher(id).matches(),
        "snapshot id \"%s\" must be 8 to 64 lower-case hexadecimal digits, as restic snapshots prints it", id);
    return ImmutableSnapshotChoice.of(Kind.ID, Optional.of(id), Optional.empty());
  }

  /** The claim's latest backup taken at or before {@code time}. */
  public static SnapshotChoice asOf(Instant time) {
    checkNotNull(time, "time");
    checkArgument(time.getEpochSecond() >= 0, "a backup time before 1970 (%s) cannot match any backup", time);
    return ImmutableSnapshotChoice.of(Kind.AS_OF, Optional.empty(), Optional.of(time));
  }
}
