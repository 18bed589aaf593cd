package io.k8up.core.run;

import com.google.common.collect.ImmutableList;
import java.util.Optional;
import org.immutables.value.Value;

/** Something that happened to a unit during a run, for progress displays and logs. */
@Value.Immutable
public abstract class ProgressEvent {

  /** What happened. */
  public enum Type {
    /** The unit waits for its turn. */
    QUEUED,
    /** The unit's objects were created. */
    STARTED,
    /** The unit's objects existed already, from an earlier process of the same run, and were taken over. */
    ADOPTED,
    /** The unit's pod was scheduled to a node. */
    PLACED,
    /** The unit's placement went stale; its claims were re-planned and are tried again. */
    RETRIED,
    /** The unit backed its claims up. */
    SUCCEEDED,
    /** The unit failed; the message says why. */
    FAILED
  }

  public abstract Type type();

  /** The unit's id within the run. */
  public abstract String unitId();

  public abstract String namespace();

  /** The claims of the unit. */
  public abstract ImmutableList<String> claims();

  /** The node the unit runs on, once known. */
  public abstract Optional<String> node();

  /** Which placement of these claims this is, from 1. */
  public abstract int attempt();

  /** A sentence for a person; empty when the type says it all. */
  public abstract String message();

  public static ImmutableProgressEvent.Builder builder() {
    return ImmutableProgressEvent.builder();
  }
}
