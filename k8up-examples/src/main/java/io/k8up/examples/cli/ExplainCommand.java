package io.k8up.examples.cli;

import static java.util.stream.Collectors.toList;

import com.google.common.collect.ImmutableList;
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
import java.util.regex.Pattern;
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

  private static final Pattern FORM = Pattern.compile("([^/\\s]+/)?[^/\\s]+");

  @Mixin SourceOptions source;

  @Mixin NamespaceOptions namespaces;

  @Mixin PlanningOptions planning;

  @Parameters(paramLabel = "NAME", description = "The claim, as NAME or NAMESPACE/NAME.")
  String name;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws SnapshotException {
    if (!FORM.matcher(name).matches()) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "expected NAME or NAMESPACE/NAME, not \"" + name + "\"");
    }
    String claim = name.substring(name.indexOf('/') + 1);
    Optional<String> given = name.contains("/") ? Optional.of(name.substring(0, name.indexOf('/'))) : Optional.empty();
    K8upRwo backups = source.backups(namespaces, planning, Optional.empty());
    ClusterSnapshot snapshot = source.snapshot(backups);
    String namespace = namespaceOf(snapshot, given, claim);
    Explanation explanation = backups.explain(snapshot, namespace, claim)
        .orElseThrow(() -> new SnapshotException("No PersistentVolumeClaim " + namespace + "/" + claim + " in the cluster."));
    print(explanation, spec.commandLine().getOut());
    return explanation.decision().action() == Action.FAIL ? ExitCodes.FAILED_DECISIONS : ExitCodes.OK;
  }

  /** The namespace the claim is in: given, or the only one that has a claim of that name. */
  private String namespaceOf(ClusterSnapshot snapshot, Optional<String> given, String claim) throws SnapshotException {
    ImmutableList<String> named = namespaces.named();
    if (given.isPresent()) {
      // A file snapshot holds only the -n namespaces: a claim elsewhere would read as missing.
      if (!named.isEmpty() && !named.contains(given.get())) {
        throw new SnapshotException("Claim " + name + " is in namespace " + given.get() + ", not in the --namespace "
            + String.join(",", named) + " given: drop --namespace, or add " + given.get() + " to it.");
      }
      return given.get();
    }
    if (named.size() == 1) {
      return named.get(0);
    }
    List<String> found = snapshot.claims().stream()
        .filter(candidate -> candidate.name().equals(claim))
        .map(Claim::namespace)
        .collect(toList());
    if (found.size() > 1) {
      throw new SnapshotException("Claims named " + claim + " exist in namespaces " + String.join(", ", found)
          + "; name one with --namespace or NAMESPACE/NAME.");
    }
    if (found.isEmpty()) {
      throw new SnapshotException("No PersistentVolumeClaim named " + claim + " in the cluster.");
    }
    return found.get(0);
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
