package io.k8up.examples.cli;

import io.k8up.core.K8upRwo;
import io.k8up.core.TerminalText;
import io.k8up.core.plan.BackupPlan;
import io.k8up.core.plan.PlanJson;
import io.k8up.core.snapshot.SnapshotException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code k8up-rwo plan}: what would be backed up, where, and why every other claim is not. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = "Decide for every PersistentVolumeClaim whether to back it up, skip it or fail it, and where.")
final class PlanCommand implements Callable<Integer> {

  /** The output formats. */
  enum Format { table, wide, json }

  @Mixin SourceOptions source;

  @Mixin NamespaceOptions namespaces;

  @Mixin PlanningOptions planning;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
      description = "table (fits the terminal), wide (whole messages) or json (the versioned contract of"
          + " docs/plan-json.md). Default: ${DEFAULT-VALUE}.")
  Format output;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException, SnapshotException {
    PrintWriter err = spec.commandLine().getErr();
    K8upRwo backups = source.backups(namespaces, planning, Optional.empty());
    BackupPlan plan = backups.plan(source.snapshot(backups));
    PrintWriter out = spec.commandLine().getOut();
    if (output == Format.json) {
      PlanJson.write(plan, out);
      out.println();
    } else {
      plan.notes().forEach(note -> err.println("note: " + TerminalText.escape(note)));
      PlanTable.print(plan, output == Format.wide ? TextTable.UNLIMITED : TerminalWidth.of(System.getenv()), out);
    }
    out.flush();
    return plan.hasFailures() ? ExitCodes.FAILED_DECISIONS : ExitCodes.OK;
  }
}
