package io.k8up.examples.cli;

import io.k8up.core.K8upRwo;
import io.k8up.core.TerminalText;
import io.k8up.core.plan.Action;
import io.k8up.core.plan.BackupPlan;
import io.k8up.core.run.Manifests;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.snapshot.SnapshotException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;

/** {@code k8up-rwo manifests}: the objects a run would create, for review or for other tools. */
@Command(
    name = "manifests",
    mixinStandardHelpOptions = true,
    description = "Print the Kubernetes objects a run would create, as multi-document YAML for kubectl apply -f -.")
final class ManifestsCommand implements Callable<Integer> {

  @Mixin SourceOptions source;

  @Mixin RunSettings settings;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws SnapshotException {
    PrintWriter err = spec.commandLine().getErr();
    K8upRwo backups = source.backups(Optional.of(settings));
    ClusterSnapshot snapshot = backups.snapshot();
    BackupPlan plan = backups.planner().plan(snapshot);
    plan.decisions().stream()
        .filter(decision -> decision.action() == Action.FAIL)
        .forEach(decision -> err.println(TerminalText.escape("# not backed up: " + decision.subject() + ": " + decision.message())));
    PrintWriter out = spec.commandLine().getOut();
    out.print(Manifests.toYaml(backups.manifests(plan, snapshot)));
    out.flush();
    return plan.hasFailures() ? ExitCodes.FAILED_DECISIONS : ExitCodes.OK;
  }
}
