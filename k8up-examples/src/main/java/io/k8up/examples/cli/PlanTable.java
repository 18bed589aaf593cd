package io.k8up.examples.cli;

import io.k8up.core.model.BackupTarget;
import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.CommandTarget;
import io.k8up.core.model.NodeSelectorRequirement;
import io.k8up.core.model.NodeSelectorTerm;
import io.k8up.core.model.Placement;
import io.k8up.core.plan.Action;
import io.k8up.core.plan.BackupPlan;
import io.k8up.core.plan.Decision;
import io.k8up.core.plan.Subject;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Renders a plan as a table for people: one row per decision, then a summary line. */
final class PlanTable {

  private static final String[] HEADER = {"NAMESPACE", "KIND", "NAME", "ACTION", "REASON", "WHERE", "STRATEGY", "MESSAGE"};

  private PlanTable() {}

  static void print(BackupPlan plan, PrintWriter out) {
    boolean strategies = plan.decisions().stream().anyMatch(decision -> decision.strategy().isPresent());
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
    if (!strategies) {
      rows.replaceAll(row -> new String[] {row[0], row[1], row[2], row[3], row[4], row[5], row[7]});
    }
    TextTable.print(rows, out);
    out.println();
    out.println(summary(plan));
  }

  private static String where(BackupTarget target) {
    if (target instanceof CommandTarget) {
      return ((CommandTarget) target).node().map(node -> "node " + node).orElse("not scheduled");
    }
    Placement placement = ((ClaimTarget) target).placement();
    switch (placement.type()) {
      case POD_NODE:
        return "node " + placement.node().orElseThrow() + (placement.samePodOnly() ? " (same pod only)" : "");
      case PV_NODE_AFFINITY:
        return "PV affinity " + placement.nodeSelectorTerms().stream().map(PlanTable::term).collect(Collectors.joining(" or "));
      case HOSTNAME:
        return "hostname " + placement.hostname().orElseThrow();
      default:
        return "any node";
    }
  }

  private static String term(NodeSelectorTerm term) {
    List<String> parts = new ArrayList<>();
    term.matchExpressions().forEach(requirement -> parts.add(requirement(requirement)));
    term.matchFields().forEach(requirement -> parts.add(requirement(requirement)));
    return String.join(",", parts);
  }

  private static String requirement(NodeSelectorRequirement requirement) {
    return requirement.key() + " " + requirement.operator()
        + (requirement.values().isEmpty() ? "" : " " + requirement.values());
  }

  private static String summary(BackupPlan plan) {
    String summary = plan.decisions(Action.BACKUP).size() + " to back up, " + plan.decisions(Action.SKIP).size()
        + " skipped, " + plan.decisions(Action.FAIL).size() + " failed.";
    return plan.hasFailures()
        ? summary + " Each FAIL says what to change; exit code 2 means something cannot be backed up."
        : summary;
  }
}
