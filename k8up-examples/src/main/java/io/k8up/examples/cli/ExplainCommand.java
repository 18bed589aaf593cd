package io.k8up.examples.cli;

import static java.util.stream.Collectors.toList;

import io.k8up.core.K8upRwo;
import io.k8up.core.TerminalText;
import io.k8up.core.model.Claim;
import io.k8up.core.plan.Action;
import io.k8up.core.plan.Explanation;
import io.k8up.core.plan.ExplanationStep;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.snapshot.SnapshotException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code k8up-rwo explain NAME}: which rule decided one claim, and why the earlier ones did not. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = "Show which rule decided one PersistentVolumeClaim, and why the earlier rules did not apply.")
final class ExplainCommand implements Callable<Integer> {

  @Mixin SourceOptions source;

  @Parameters(paramLabel = "NAME", description = "The claim, as NAME or NAMESPACE/NAME.")
  String name;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws SnapshotException {
    K8upRwo backups = source.backups(Optional.empty());
    ClusterSnapshot snapshot = backups.snapshot();
    String namespace = namespaceOf(snapshot);
    String claim = name.contains("/") ? name.substring(name.indexOf('/') + 1) : name;
    Explanation explanation = backups
        .explain(snapshot, namespace, claim)
        .orElseThrow(() -> new SnapshotException("No PersistentVolumeClaim " + namespace + "/" + claim + " in the cluster."));
    print(explanation, spec.commandLine().getOut());
    return explanation.decision().action() == Action.FAIL ? ExitCodes.FAILED_DECISIONS : ExitCodes.OK;
  }

  /** The namespace the claim is in: given, or the only one that has a claim of that name. */
  private String namespaceOf(ClusterSnapshot snapshot) throws SnapshotException {
    if (name.contains("/")) {
      return name.substring(0, name.indexOf('/'));
    }
    if (source.namespace != null) {
      return source.namespace;
    }
    List<String> namespaces = snapshot.claims().stream()
        .filter(claim -> claim.name().equals(name))
        .map(Claim::namespace)
        .collect(toList());
    if (namespaces.size() > 1) {
      throw new SnapshotException("Claims named " + name + " exist in namespaces " + String.join(", ", namespaces)
          + "; name one with --namespace or NAMESPACE/NAME.");
    }
    if (namespaces.isEmpty()) {
      throw new SnapshotException("No PersistentVolumeClaim named " + name + " in the cluster.");
    }
    return namespaces.get(0);
  }

  private static void print(Explanation explanation, PrintWriter out) {
    out.printf("%s: %s %s%n", TerminalText.escape(explanation.decision().subject().toString()),
        explanation.decision().action(), explanation.decision().reason());
    int number = 1;
    for (ExplanationStep step : explanation.steps()) {
      out.printf("  %d. %-20s %s: %s%n", number++, step.rule(), step.decided() ? "decided" : "did not apply",
          TerminalText.escape(step.sentence()));
    }
    out.flush();
  }
}
