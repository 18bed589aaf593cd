package io.k8up.examples.cli;

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
  enum Format { table, json }

  @Mixin SourceOptions source;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
      description = "table or json (the versioned contract of docs/plan-json.md). Default: ${DEFAULT-VALUE}.")
  Format output;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException, SnapshotException {
    PrintWriter err = spec.commandLine().getErr();
    BackupPlan plan = source.backups(Optional.empty()).plan();
    PrintWriter out = spec.commandLine().getOut();
    if (output == Format.json) {
      PlanJson.write(plan, out);
      out.println();
    } else {
      plan.notes().forEach(note -> err.println("note: " + TerminalText.escape(note)));
      PlanTable.print(plan, out);
    }
    out.flush();
    return plan.hasFailures() ? ExitCodes.FAILED_DECISIONS : ExitCodes.OK;
  }
}
