package io.k8up.examples.cli;

import io.k8up.core.TerminalText;
import io.k8up.core.run.OutcomeStatus;
import io.k8up.core.run.RestoreOutcome;
import io.k8up.core.run.RestoreReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Renders a restore run's report as a table for people: one row per claim, then a summary. */
final class RestoreTable {

  private static final String[] HEADER =
      {"NAMESPACE", "TARGET", "FROM", "STATUS", "REASON", "SNAPSHOT", "FILES", "BYTES", "NODE", "MESSAGE"};

  private RestoreTable() {}

  /** Prints {@code report} in lines of about {@code width} characters, the messages shortened to fit. */
  static void print(RestoreReport report, int width, PrintWriter out) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (RestoreOutcome outcome : report.outcomes()) {
      rows.add(new String[] {
        outcome.subject().namespace(),
        outcome.subject().name(),
        outcome.sourceClaim(),
        outcome.status().name(),
        outcome.planReason().map(reason -> outcome.reason() + "/" + reason).orElse(outcome.reason().name()),
        outcome.snapshotId().orElse("-"),
        outcome.filesRestored().map(String::valueOf).orElse("-"),
        outcome.bytesRestored().map(String::valueOf).orElse("-"),
        outcome.node().orElse("-"),
        outcome.message()
      });
    }
    TextTable.print(rows, width, out);
    out.println();
    out.println(count(report, OutcomeStatus.SUCCEEDED) + " restored, " + count(report, OutcomeStatus.FAILED)
        + " failed, " + count(report, OutcomeStatus.SKIPPED) + " skipped, " + count(report, OutcomeStatus.NOT_RUN)
        + " not run; run " + report.runId() + " took " + DurationText.of(report.duration()) + " and "
        + report.apiRequests() + " API requests" + (report.interrupted() ? "; it was interrupted." : "."));
    report.leftovers().forEach(leftover -> out.println("not deleted: " + TerminalText.escape(leftover)));
  }

  private static long count(RestoreReport report, OutcomeStatus status) {
    return report.outcomes().stream().filter(outcome -> outcome.status() == status).count();
  }
}
