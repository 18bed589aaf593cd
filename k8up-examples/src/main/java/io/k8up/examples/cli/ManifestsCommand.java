package io.k8up.examples.cli;

import io.k8up.core.K8upRwo;
import io.k8up.core.TerminalText;
import io.k8up.core.plan.Action;
import io.k8up.core.plan.BackupPlan;
import io.k8up.core.run.MaterializedPlan;
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
    description = {
      "Print the Kubernetes objects a run would create, as multi-document YAML for kubectl apply -f -.",
      "Ephemeral containers, which can only be added to a running pod by a patch, are printed on standard error as"
          + " the kubectl patch command that adds them."
    })
final class ManifestsCommand implements Callable<Integer> {

  @Mixin SourceOptions source;

  @Mixin NamespaceOptions namespaces;

  @Mixin PlanningOptions planning;

  @Mixin JobSettings job;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws SnapshotException {
    PrintWriter err = spec.commandLine().getErr();
    K8upRwo backups = source.backups(namespaces, planning, Optional.of(job));
    ClusterSnapshot snapshot = source.snapshot(backups);
    BackupPlan plan = backups.plan(snapshot);
    plan.decisions(Action.FAIL).forEach(decision -> err.println(
        TerminalText.escape("# not backed up: " + decision.subject() + ": " + decision.message())));
    MaterializedPlan manifests = backups.manifests(plan, snapshot);
    manifests.failures().forEach((subject, why) -> err.println(
        TerminalText.escape("# not backed up: " + subject + ": " + why)));
    PrintWriter out = spec.commandLine().getOut();
    PrintedManifests.print(manifests.objects(), job.timeout, out, err);
    out.flush();
    err.flush();
    return plan.hasFailures() || manifests.hasFailures() ? ExitCodes.FAILED_DECISIONS : ExitCodes.OK;
  }
}
