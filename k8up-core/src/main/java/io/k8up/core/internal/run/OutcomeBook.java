package io.k8up.core.internal.run;

import com.google.common.collect.ImmutableList;
import io.k8up.core.plan.Action;
import io.k8up.core.plan.Decision;
import io.k8up.core.plan.Subject;
import io.k8up.core.run.CommandReport;
import io.k8up.core.run.ImmutableOutcome;
import io.k8up.core.run.Outcome;
import io.k8up.core.run.OutcomeReason;
import io.k8up.core.run.OutcomeStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The outcome of every decision of a plan, as the run settles them, in the plan's order. */
final class OutcomeBook {

  private final Map<Subject, Action> planned = new LinkedHashMap<>();
  private final Map<Subject, Outcome> outcomes = new HashMap<>();

  OutcomeBook(Iterable<Decision> decisions) {
    for (Decision decision : decisions) {
      planned.put(decision.subject(), decision.action());
    }
  }

  /** Settles {@code decision} as the plan (or a re-plan, {@code reason}) decided it. */
  void decided(Decision decision, OutcomeReason reason, String message) {
    OutcomeStatus status = decision.action() == Action.SKIP ? OutcomeStatus.SKIPPED : OutcomeStatus.FAILED;
    settle(decision.subject(), status, reason, message, builder -> builder
        .planReason(decision.reason())
        .strategy(decision.strategy()));
  }

  /** Settles {@code subject} with what happened to the unit it was part of. */
  void settle(Subject subject, OutcomeStatus status, OutcomeReason reason, String message, UnitFacts facts) {
    settle(subject, status, reason, message, facts, Map.of());
  }

  /** Settles {@code subject} with what happened to its unit, and what the unit's last step reported. */
  void settle(Subject subject, OutcomeStatus status, OutcomeReason reason, String message, UnitFacts facts,
      Map<String, String> details) {
    settle(subject, status, reason, message, builder -> builder
        .strategy(facts.strategy())
        .unitId(facts.unitId())
        .node(facts.node())
        .attempts(facts.attempts())
        .duration(facts.duration())
        .details(details));
  }

  /** Settles a pod's backup command with what running it gave, when it ran. */
  void settleCommand(Subject subject, OutcomeStatus status, OutcomeReason reason, String message, UnitFacts facts,
      Optional<CommandReport> command) {
    settle(subject, status, reason, message, builder -> builder
        .node(facts.node())
        .attempts(facts.attempts())
        .duration(facts.duration())
        .command(command));
  }

  boolean isSettled(Subject subject) {
    return outcomes.containsKey(subject);
  }

  /** The outcomes, in the plan's order. */
  ImmutableList<Outcome> outcomes() {
    ImmutableList.Builder<Outcome> list = ImmutableList.builder();
    planned.keySet().forEach(subject -> list.add(outcomes.get(subject)));
    return list.build();
  }

  private void settle(Subject subject, OutcomeStatus status, OutcomeReason reason, String message,
      Consumer<ImmutableOutcome.Builder> details) {
    ImmutableOutcome.Builder builder = Outcome.builder()
        .subject(subject)
        .plannedAction(planned.get(subject))
        .status(status)
        .reason(reason)
        .message(message);
    details.accept(builder);
    outcomes.put(subject, builder.build());
  }

  /** What a run knows of the unit a claim was part of when it settles. */
  record UnitFacts(Optional<String> strategy, Optional<String> unitId, Optional<String> node,
      int attempts, Optional<Duration> duration) {

    /** Of claims that never started, of {@code strategy} if one was chosen. */
    static UnitFacts notStarted(Optional<String> strategy) {
      return new UnitFacts(strategy, Optional.empty(), Optional.empty(), 0, Optional.empty());
    }
  }
}
