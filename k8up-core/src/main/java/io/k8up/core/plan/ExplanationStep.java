package io.k8up.core.plan;

import org.immutables.value.Value;

/** One rule the planner asked about a claim, and what it said. */
@Value.Immutable
public abstract class ExplanationStep {

  /** The rule's name, such as {@code mounting pod}. */
  @Value.Parameter
  public abstract String rule();

  /** Whether this rule decided; every step before the deciding one did not apply. */
  @Value.Parameter
  public abstract boolean decided();

  /** Why the rule did not apply, or what it decided. */
  @Value.Parameter
  public abstract String sentence();

  static ExplanationStep of(String rule, boolean decided, String sentence) {
    return ImmutableExplanationStep.of(rule, decided, sentence);
  }
}
