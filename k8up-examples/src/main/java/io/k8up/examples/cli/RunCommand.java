package io.k8up.examples.cli;

import io.k8up.core.K8upRwo;
import io.k8up.core.TerminalText;
import io.k8up.core.plan.BackupPlan;
import io.k8up.core.run.BackupReport;
import io.k8up.core.run.ProgressEvent;
import io.k8up.core.run.ReportJson;
import io.k8up.core.spi.RunId;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.snapshot.SnapshotException;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code k8up-rwo run}: backs a namespace of a live cluster up, and reports per claim. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Back up the claims of namespaces of a live cluster: plan, create the backup Jobs within the"
        + " limits, follow them to the end, clean up, and report per claim. Progress goes to standard error.")
final class RunCommand implements Callable<Integer> {

  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  /** The output formats. */
  enum Format { table, wide, json }

  @Mixin ClusterOptions cluster;

  @Mixin NamespaceOptions namespaces;

  @Mixin PlanningOptions planning;

  @Mixin JobSettings job;

  @Mixin RunSettings settings;

  @Mixin PageSizeOption paging;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
      description = "table (fits the terminal), wide (whole messages) or json (the versioned contract of"
          + " docs/run-report.md). Default: ${DEFAULT-VALUE}.")
  Format output;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException, SnapshotException {
    PrintWriter err = spec.commandLine().getErr();
    namespaces.check();
    Kubeconfigs.Connection connection = cluster.connect();
    List<String> live = namespaces.live(connection);
    K8upRwo.Builder builder = K8upRwo.builder()
        .liveCluster(connection.client(), live)
        .tool(job.tool())
        .runId(job.runId().orElseGet(RunId::fresh))
        .executorOptions(settings.options(job.options()))
        .sink(settings.sink())
        .listener(event -> progress(event, err));
    paging.applyTo(builder);
    planning.applyTo(builder, true);
    K8upRwo backups = planning.build(builder);
    ClusterSnapshot snapshot;
    try {
      snapshot = backups.snapshot();
    } catch (SnapshotException e) {
      throw ClusterProbe.unanswered(e, connection.client().getBasePath());
    }
    List<String> missing = NamespaceOptions.missing(snapshot, live, connection, err);
    if (!missing.isEmpty()) {
      err.println("k8up-rwo: nothing was run: namespace " + String.join(", ", missing) + " does not exist");
      return ExitCodes.INPUT_ERROR;
    }
    BackupPlan plan = backups.plan(snapshot);
    err.println("run " + backups.runId() + ": " + plan.decisions().size() + " decisions");
    err.flush();
    BackupReport report = InterruptibleRun.run(() -> backups.run(plan, snapshot));
    PrintWriter out = spec.commandLine().getOut();
    if (output == Format.json) {
      ReportJson.write(report, out);
      out.println();
    } else {
      ReportTable.print(report, output == Format.wide ? TextTable.UNLIMITED : TerminalWidth.of(System.getenv()), out);
    }
    out.flush();
    return report.hasFailures() ? ExitCodes.FAILED_DECISIONS : ExitCodes.OK;
  }

  /** One line on standard error per progress event, escaped. */
  static void progress(ProgressEvent event, PrintWriter err) {
    err.println(progressLine(event, LocalTime.now()));
    err.flush();
  }

  /** One progress line, escaped for the terminal, stamped with {@code time} as HH:mm:ss. */
  static String progressLine(ProgressEvent event, LocalTime time) {
    StringBuilder line = new StringBuilder()
        // A pattern, not LocalTime's toString, which drops zero seconds ("08:50" for 08:50:00).
        .append(CLOCK.format(time)).append(' ')
        .append(event.type()).append(' ')
        .append(event.namespace()).append('/')
        .append(event.claims().isEmpty() ? event.unitId() : String.join(",", event.claims()))
        .append(" (unit ").append(event.unitId());
    event.node().ifPresent(node -> line.append(", node ").append(node));
    if (event.attempt() > 1) {
      line.append(", attempt ").append(event.attempt());
    }
    line.append(')');
    if (!event.message().isEmpty()) {
      line.append(": ").append(event.message());
    }
    return TerminalText.escape(line.toString());
  }
}
