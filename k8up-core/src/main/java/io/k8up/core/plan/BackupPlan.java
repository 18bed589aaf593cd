package io.k8up.core.plan;

import com.google.common.collect.ImmutableList;
import java.util.Optional;
import org.immutables.value.Value;

/** The decisions for a snapshot: one per claim, and one per active pod with a backup command. */
@Value.Immutable
public abstract class BackupPlan {

  /** The version of the plan's JSON form ({@link PlanJson}); raised on every incompatible change. */
  public static final int SCHEMA_VERSION = 1;

  /** Every decision, sorted by namespace, kind and name. */
  public abstract ImmutableList<Decision> decisions();

  /** What the snapshot's reader wants the user to know, such as objects it ignored. */
  public abstract ImmutableList<String> notes();

  /** Whether any decision is {@link Action#FAIL}. */
  public boolean hasFailures() {
    return decisions().stream().anyMatch(decision -> decision.action() == Action.FAIL);
  }

  /** The decisions with {@code action}, in plan order. */
  public ImmutableList<Decision> decisions(Action action) {
    return decisions().stream()
        .filter(decision -> decision.action() == action)
        .collect(ImmutableList.toImmutableList());
  }

  /** The decision about {@code subject}, if the plan has one; a linear search. */
  public Optional<Decision> decision(Subject subject) {
    return decisions().stream().filter(decision -> decision.subject().equals(subject)).findFirst();
  }

  static BackupPlan of(Iterable<Decision> sortedDecisions, Iterable<String> notes) {
    return ImmutableBackupPlan.builder().decisions(sortedDecisions).notes(notes).build();
  }
}
