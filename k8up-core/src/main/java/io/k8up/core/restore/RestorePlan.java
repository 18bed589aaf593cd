package io.k8up.core.restore;

import com.google.common.collect.ImmutableList;
import org.immutables.value.Value;

/** The decisions for a list of restore requests, one per request, in the requests' order. */
@Value.Immutable
public abstract class RestorePlan {

  /** The version of the plan's JSON form; raised on every incompatible change. */
  public static final int SCHEMA_VERSION = 1;

  public abstract ImmutableList<RestoreDecision> decisions();

  /** Whether any decision is {@link RestoreAction#FAIL}. */
  public boolean hasFailures() {
    return decisions().stream().anyMatch(decision -> decision.action() == RestoreAction.FAIL);
  }

  /** The decisions with {@code action}, in plan order. */
  public ImmutableList<RestoreDecision> decisions(RestoreAction action) {
    return decisions().stream()
        .filter(decision -> decision.action() == action)
        .collect(ImmutableList.toImmutableList());
  }

  static RestorePlan of(Iterable<RestoreDecision> decisions) {
    return ImmutableRestorePlan.builder().decisions(decisions).build();
  }
}
