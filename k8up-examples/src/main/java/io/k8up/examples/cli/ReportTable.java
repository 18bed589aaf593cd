package io.k8up.examples.cli;

import io.k8up.core.TerminalText;
import io.k8up.core.plan.Subject;
import io.k8up.core.run.BackupReport;
import io.k8up.core.run.Outcome;
import io.k8up.core.run.OutcomeStatus;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Renders a run's report as a table for people: one row per claim or pod, then a summary. */
final class ReportTable {

  private static final String[] HEADER = {"NAMESPACE", "KIND", "NAME", "STATUS", "REASON", "NODE", "ATTEMPTS", "MESSAGE"};

  private ReportTable() {}

  /** Prints {@code report} in lines of about {@code width} characters, the messages shortened to fit. */
  static void print(BackupReport report, int width, PrintWriter out) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (Outcome outcome : report.outcomes()) {
      rows.add(new String[] {
        outcome.subject().namespace(),
        outcome.subject().kind() == Subject.Kind.POD ? "Pod" : "PVC",
        outcome.subject().name(),
        outcome.status().name(),
        outcome.planReason().map(reason -> outcome.reason() + "/" + reason).orElse(outcome.reason().name()),
        outcome.node().orElse("-"),
        Integer.toString(outcome.attempts()),
        outcome.message()
      });
    }
    TextTable.print(rows, width, out);
    out.println();
    out.println(count(report, OutcomeStatus.SUCCEEDED) + " backed up, " + count(report, OutcomeStatus.FAILED)
        + " failed, " + count(report, OutcomeStatus.SKIPPED) + " skipped, " + count(report, OutcomeStatus.NOT_RUN)
        + " not run; run " + report.runId() + " took " + DurationText.of(report.duration()) + " and "
        + report.apiRequests() + " API requests" + (report.interrupted() ? "; it was interrupted." : "."));
    report.leftovers().forEach(leftover -> out.println("not deleted: " + TerminalText.escape(leftover)));
    report.eventFailures().forEach(failure -> out.println("event not recorded: " + TerminalText.escape(failure)));
  }

  private static long count(BackupReport report, OutcomeStatus status) {
    return report.outcomes().stream().filter(outcome -> outcome.status() == status).count();
  }
}
