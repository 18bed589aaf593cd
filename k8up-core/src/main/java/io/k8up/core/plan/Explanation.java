package io.k8up.core.plan;

import com.google.common.collect.ImmutableList;
import org.immutables.value.Value;

/**
 * How the planner reached its decision for one claim: every rule it asked, in order, until one
 * decided. Produced by {@link BackupPlanner#explain}; the decision is the one {@link
 * BackupPlanner#plan} makes for the same snapshot.
 */
@Value.Immutable
public abstract class Explanation {

  public abstract Decision decision();

  /** The rules asked, in order; the deciding ones are marked {@link ExplanationStep#decided()}. */
  public abstract ImmutableList<ExplanationStep> steps();

  static Explanation of(Decision decision, Iterable<ExplanationStep> steps) {
    return ImmutableExplanation.builder().decision(decision).steps(steps).build();
  }
}
