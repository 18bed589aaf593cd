package io.k8up.core.restore;

import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import io.k8up.core.model.Placement;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What a restore does: the backup of which claim goes into which claim, how and where the restore
 * runs, and which pods' user and groups it takes.
 */
@Value.Immutable
public abstract class RestoreTarget {

  public abstract String namespace();

  /** The claim that was backed up: its backups are those of host {@link #namespace()}, path {@code /data/<claim>}. */
  public abstract String sourceClaim();

  /** The claim the files are restored into; {@link #sourceClaim()} for a restore in place. */
  public abstract String targetClaim();

  /** For a target claim the restore creates: its spec. */
  public abstract Optional<NewClaim> newClaim();

  /** Where the restore must run: the same placement a backup of the target claim gets. */
  public abstract Placement placement();

  public abstract RestoreMethod method();

  /**
   * The active pods that mount the target claim, by name; their user and groups are the restore's
   * (the one identity rule of backups). For {@link RestoreMethod#EPHEMERAL_CONTAINER}, exactly the
   * pod that holds the claim.
   */
  public abstract ImmutableList<String> mountingPods();

  public abstract SnapshotChoice snapshot();

  public abstract OverwritePolicy overwrite();

  /** Whether the files go back into the claim they were backed up from. */
  public boolean inPlace() {
    return sourceClaim().equals(targetClaim());
  }

  /** The pod an ephemeral container restores through, for {@link RestoreMethod#EPHEMERAL_CONTAINER}. */
  public Optional<String> holdingPod() {
    return method() == RestoreMethod.EPHEMERAL_CONTAINER ? Optional.of(mountingPods().get(0)) : Optional.empty();
  }

  @Value.Check
  void check() {
    checkState(method() != RestoreMethod.EPHEMERAL_CONTAINER
            || (mountingPods().size() == 1 && placement().samePodOnly()),
        "an ephemeral container restores through the one pod that holds the claim");
    checkState(newClaim().isEmpty() || (mountingPods().isEmpty() && placement().type() == Placement.Type.ANY),
        "a new claim has no pods, and the scheduler places its restore");
  }

  public static ImmutableRestoreTarget.Builder builder() {
    return ImmutableRestoreTarget.builder();
  }
}
