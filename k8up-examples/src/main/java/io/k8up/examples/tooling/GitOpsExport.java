package io.k8up.examples.tooling;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import io.k8up.core.plan.Action;
import io.k8up.core.plan.BackupPlan;
import io.k8up.core.plan.BackupPlanner;
import io.k8up.core.plan.Decision;
import io.k8up.core.plan.PlanJson;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.Grouping;
import io.k8up.core.run.Manifests;
import io.k8up.core.run.MaterializedPlan;
import io.k8up.core.run.OutcomeReason;
import io.k8up.core.spi.RunId;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.snapshot.SnapshotException;
import io.k8up.core.snapshot.SnapshotFiles;
import io.k8up.core.spi.InstalledStrategies;
import io.kubernetes.client.common.KubernetesObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Custom tooling on the library: plan a cluster snapshot, then hand the result to another system
 * instead of running it. Here the other system is a GitOps repository: the export writes files
 * that a pull request adds, a person reviews, and Argo CD or Flux applies.
 *
 * <pre>
 * out/
 *   README.txt                   what these manifests do not back up, with the plan's reason and message
 *   plan.json                    the whole plan, in its versioned JSON form (docs/plan-json.md)
 *   blog/k8up-rwo-backup.yaml    the objects a run would create in blog, multi-document YAML
 *   shop/k8up-rwo-backup.yaml    … and in shop
 * </pre>
 *
 * <p>Everything but the snapshot is pure, so the same snapshot and run id give byte-identical
 * files: the diff of a pull request shows what changed in the cluster, nothing else. A namespace
 * that no longer has backups loses its {@value #MANIFEST_FILE}. Objects are named after the run
 * id; give each scheduled export a new one. The {@code ephemeral-container} strategy's object is
 * a patch of a pod's {@code ephemeralcontainers} subresource, which {@code kubectl apply} cannot
 * send: see {@code docs/strategies/ephemeral-container.md}.
 */
public final class GitOpsExport {

  /** The name of each namespace's manifest file. */
  public static final String MANIFEST_FILE = "k8up-rwo-backup.yaml";

  /** The name of the plan's JSON file. */
  public static final String PLAN_FILE = "plan.json";

  /** The name of the summary for the reviewer. */
  public static final String SUMMARY_FILE = "README.txt";

  private GitOpsExport() {}

  /**
   * Plans {@code snapshot} with the installed strategies in their default order and writes the
   * files into {@code outputDirectory}, creating it if needed and replacing what an earlier export
   * wrote there.
   *
   * @return the plan the files were written from
   * @throws IOException if a file cannot be written
   */
  public static BackupPlan export(ClusterSnapshot snapshot, RunId runId, BackupToolSpec tool, Path outputDirectory)
      throws IOException {
    checkNotNull(snapshot, "snapshot");
    checkNotNull(runId, "runId");
    checkNotNull(tool, "tool");
    checkNotNull(outputDirectory, "outputDirectory");
    BackupPlanner planner = BackupPlanner.builder().strategies(InstalledStrategies.load().defaultOrder()).build();
    BackupPlan plan = planner.plan(snapshot);
    MaterializedPlan manifests = Manifests.of(plan, snapshot, planner, runId, tool, Grouping.PER_CLAIM);
    Map<String, List<KubernetesObject>> byNamespace = manifests.objects().stream().collect(Collectors.groupingBy(GitOpsExport::namespace, TreeMap::new,
        Collectors.toList()));

    Files.createDirectories(outputDirectory);
    deleteManifestsOutside(outputDirectory, byNamespace.keySet());
    for (Map.Entry<String, List<KubernetesObject>> namespace : byNamespace.entrySet()) {
      Path directory = Files.createDirectories(outputDirectory.resolve(namespace.getKey()));
      Files.writeString(directory.resolve(MANIFEST_FILE), Manifests.toYaml(namespace.getValue()));
    }
    Files.writeString(outputDirectory.resolve(PLAN_FILE), PlanJson.toJson(plan));
    Files.writeString(outputDirectory.resolve(SUMMARY_FILE), summary(plan, manifests, runId, byNamespace.keySet()));
    return plan;
  }

  /**
   * Exports a snapshot file, e.g. {@code kubectl get pvc,pod,pv -A -o yaml}: {@code <cluster.yaml>
   * <output-directory> <run-id>}. The tool is restic with the repository Secret {@code
   * k8up-rwo-repository}.
   */
  public static void main(String[] args) throws IOException, SnapshotException {
    if (args.length != 3) {
      System.err.println("usage: GitOpsExport <cluster.yaml> <output-directory> <run-id>");
      System.exit(2);
    }
    BackupPlan plan = export(SnapshotFiles.read(Path.of(args[0])), RunId.of(args[2]),
        BackupToolSpec.restic("k8up-rwo-repository").build(), Path.of(args[1]));
    System.out.println(plan.decisions(Action.BACKUP).size() + " backups planned, see "
        + Path.of(args[1], SUMMARY_FILE));
  }

  private static String namespace(KubernetesObject object) {
    String namespace = object.getMetadata().getNamespace();
    checkState(namespace != null, "a strategy materialized a cluster-scoped %s", object.getKind());
    return namespace;
  }

  /** Deletes {@code <dir>/<namespace>/k8up-rwo-backup.yaml} of the namespaces not in {@code keep}. */
  private static void deleteManifestsOutside(Path outputDirectory, Set<String> keep) throws IOException {
    List<Path> stale;
    try (Stream<Path> directories = Files.list(outputDirectory)) {
      stale = directories.filter(directory -> !keep.contains(directory.getFileName().toString()))
          .map(directory -> directory.resolve(MANIFEST_FILE)).filter(Files::isRegularFile).toList();
    }
    for (Path file : stale) {
      Files.delete(file);
    }
  }

  /**
   * What a reviewer reads: every decision these manifests do not back up a claim for, with its
   * reason and message, and every claim whose strategy failed to build its objects. That includes
   * a pod's backup command, which the plan wants but the library does not run yet.
   */
  private static String summary(BackupPlan plan, MaterializedPlan manifests, RunId runId, Set<String> namespaces) {
    List<Decision> notBackedUp = plan.decisions().stream().filter(decision -> decision.claimTarget().isEmpty())
        .toList();
    int backedUp = plan.decisions().size() - notBackedUp.size() - manifests.failures().size();
    StringBuilder text = new StringBuilder()
        .append("k8up-rwo backup, run ").append(runId.value()).append(": ")
        .append(backedUp).append(" claims in ")
        .append(namespaces.isEmpty() ? "no namespace" : String.join(", ", namespaces)).append(".\n")
        .append("\nNot backed up by these manifests (").append(notBackedUp.size() + manifests.failures().size())
        .append("):\n");
    for (Decision decision : notBackedUp) {
      text.append("- ").append(decision.action()).append(' ').append(decision.subject()).append(": ")
          .append(decision.reason()).append(": ").append(decision.message()).append('\n');
    }
    manifests.failures().forEach((subject, why) -> text.append("- BACKUP ").append(subject).append(": ")
        .append(OutcomeReason.MATERIALIZE_FAILED).append(": ").append(why).append('\n'));
    for (String note : plan.notes()) {
      text.append("\nNote: ").append(note).append('\n');
    }
    return text.toString();
  }
}
