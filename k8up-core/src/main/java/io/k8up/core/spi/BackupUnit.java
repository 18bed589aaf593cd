package io.k8up.core.spi;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.base.Joiner;
import com.google.common.collect.ImmutableList;
import com.google.common.hash.Hashing;
import com.google.common.io.BaseEncoding;
import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.Placement;
import java.nio.charset.StandardCharsets;
import org.immutables.value.Value;

/**
 * One unit of work of a run: the claims of one namespace that one strategy backs up together, from
 * one placement. A strategy describes its work as a {@link Workflow}; the executor runs it.
 */
@Value.Immutable(copy = true)
public abstract class BackupUnit {

  private static final BaseEncoding ID_ENCODING = BaseEncoding.base32().lowerCase().omitPadding();

  /** The id of the strategy that backs the claims up. */
  public abstract String strategyId();

  /** Where the unit must run; the placement all its claims share. */
  public abstract Placement placement();

  /** The claims, sorted by name; at least one, all in one namespace. */
  public abstract ImmutableList<ClaimTarget> targets();

  /**
   * Which placement of these claims this is, from 1: a unit whose placement went stale is
   * re-planned and tried again with the next attempt, under a new name.
   */
  @Value.Default
  public int attempt() {
    return 1;
  }

  /** This unit, as attempt {@code attempt}. */
  public BackupUnit withAttempt(int attempt) {
    return ImmutableBackupUnit.copyOf(this).withAttempt(attempt);
  }

  /** The namespace of the claims. */
  public String namespace() {
    return targets().get(0).namespace();
  }

  /** The claims' names, in order. */
  @Value.Lazy
  public ImmutableList<String> claimNames() {
    return targets().stream().map(ClaimTarget::name).collect(ImmutableList.toImmutableList());
  }

  /**
   * A short, stable id of this unit in its run: ten base-32 characters of a hash of its
   * namespace, strategy and claims, valid in names and label values.
   */
  @Value.Lazy
  public String id() {
    String key = namespace() + "/" + strategyId() + "/" + Joiner.on(',').join(claimNames());
    byte[] hash = Hashing.sha256().hashString(key, StandardCharsets.UTF_8).asBytes();
    return ID_ENCODING.encode(hash).substring(0, 10);
  }

  @Value.Check
  void check() {
    checkState(!targets().isEmpty(), "a unit needs at least one claim");
    checkState(attempt() >= 1, "attempts count from 1");
    for (ClaimTarget target : targets()) {
      checkState(target.namespace().equals(namespace()), "a unit's claims share one namespace");
      checkState(target.placement().equals(placement()), "a unit's claims share one placement");
    }
    checkState(
        claimNames().stream().sorted().distinct().toList().equals(claimNames()),
        "a unit's claims are sorted by name and distinct");
  }

  /** The unit that backs {@code targets} up with {@code strategyId}. */
  public static BackupUnit of(String strategyId, Iterable<ClaimTarget> targets) {
    ImmutableList<ClaimTarget> sorted = ImmutableList.sortedCopyOf(
        (a, b) -> a.name().compareTo(b.name()), targets);
    checkArgument(!sorted.isEmpty(), "a unit needs at least one claim");
    return ImmutableBackupUnit.builder()
        .strategyId(strategyId)
        .placement(sorted.get(0).placement())
        .targets(sorted)
        .build();
  }
}
