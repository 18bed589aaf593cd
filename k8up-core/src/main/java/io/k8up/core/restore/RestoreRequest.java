package io.k8up.core.restore;

import static com.google.common.base.Preconditions.checkState;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * A user's ask to restore the backups of one claim: which claim was backed up, into which claim,
 * from which backup, and what may be touched.
 *
 * <pre>{@code
 * RestoreRequest request = RestoreRequest.builder().namespace("shop").claim("data")
 *     .to("data-restored").snapshot(SnapshotChoice.asOf(time)).build();
 * }</pre>
 */
@Value.Immutable
public abstract class RestoreRequest {

  /** The namespace of the claim that was backed up, and of the target claim. */
  public abstract String namespace();

  /** The claim that was backed up. */
  public abstract String claim();

  /**
   * The claim to restore into ({@code --to}); empty restores in place, into {@link #claim()}. A
   * claim of that name that does not exist is created from the spec of {@link #claim()}.
   */
  public abstract Optional<String> to();

  /** Which backup to restore; default the latest. */
  @Value.Default
  public SnapshotChoice snapshot() {
    return SnapshotChoice.latest();
  }

  /**
   * Whether the target claim may be restored while a pod mounts it ({@code --in-use}): the
   * application then sees its files change under it. Default {@code false}: such a claim fails
   * with {@link RestoreReason#IN_USE}.
   */
  @Value.Default
  public boolean inUse() {
    return false;
  }

  /** What happens to files already in the target; default {@link OverwritePolicy#OVERWRITE}. */
  @Value.Default
  public OverwritePolicy overwrite() {
    return OverwritePolicy.OVERWRITE;
  }

  /** The claim the files are restored into: {@link #to()}, else {@link #claim()}. */
  public String targetClaim() {
    return to().orElse(claim());
  }

  @Value.Check
  void check() {
    checkState(!namespace().isEmpty() && !claim().isEmpty(), "a restore needs a namespace and a claim");
    checkState(to().map(name -> !name.isEmpty()).orElse(true), "--to names no claim");
  }

  public static ImmutableRestoreRequest.Builder builder() {
    return ImmutableRestoreRequest.builder();
  }
}
