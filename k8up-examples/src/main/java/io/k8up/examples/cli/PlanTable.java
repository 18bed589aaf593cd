package io.k8up.examples.cli;

import io.k8up.core.model.BackupTarget;
import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.CommandTarget;
import io.k8up.core.plan.Action;
import io.k8up.core.plan.BackupPlan;
import io.k8up.core.plan.Decision;
import io.k8up.core.plan.Subject;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Renders a plan as a table for people: one row per decision, then a summary line. */
final class PlanTable {

  private static final String[] HEADER = {"NAMESPACE", "KIND", "NAME", "ACTION", "REASON", "WHERE", "STRATEGY", "MESSAGE"};

  private PlanTable() {}

  /** Prints {@code plan} in lines of about {@code width} characters, the messages shortened to fit. */
  static void print(BackupPlan plan, int width, PrintWriter out) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (Decision decision : plan.decisions()) {
      rows.add(new String[] {
        decision.subject().namespace(),
        decision.subject().kind() == Subject.Kind.POD ? "Pod" : "PVC",
        decision.subject().name(),
        decision.action().name(),
        decision.reason().name(),
        decision.target().map(PlanTable::where).orElse("-"),
        decision.strategy().orElse("-"),
        decision.message()
      });
    }
    TextTable.print(rows, width, out);
    out.println();
    out.println(summary(plan));
  }

  private static String where(BackupTarget target) {
    if (target instanceof CommandTarget command) {
      return command.node().map(node -> "node " + node).orElse("not scheduled");
    }
    return ((ClaimTarget) target).placement().describe();
  }

  private static String summary(BackupPlan plan) {
    String summary = plan.decisions(Action.BACKUP).size() + " to back up, " + plan.decisions(Action.SKIP).size()
        + " skipped, " + plan.decisions(Action.FAIL).size() + " failed.";
    return plan.hasFailures()
        ? summary + " Each FAIL says what to change; exit code 2 means something cannot be backed up."
        : summary;
  }
}
