package io.k8up.examples.cli;

import io.k8up.core.K8upRwo;
import io.k8up.core.model.ClaimPhase;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.snapshot.SnapshotException;
import io.k8up.core.snapshot.SnapshotFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where the cluster comes from: a file, the sample or a live cluster; options of the commands that plan. */
final class SourceOptions {

  static final String SAMPLE_RESOURCE = "/io/k8up/examples/sample-cluster.yaml";
  private static final String STANDARD_INPUT = "-";

  /** At most one source; none means the default kubeconfig. */
  static final class Source {
    @Option(names = "--cluster-file", paramLabel = "FILE",
        description = "A file of Kubernetes objects: multi-document YAML, JSON, or a List as `kubectl get -o yaml` writes it;"
            + " - reads standard input (a file named - is ./-).")
    Path clusterFile;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
        description = "A kubeconfig file of a live cluster. Default: $KUBECONFIG, then ~/.kube/config, as kubectl finds it.")
    Path kubeconfig;

    @Option(names = "--sample", description = "The bundled sample cluster, which exercises every acceptance criterion.")
    boolean sample;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Source source = new Source();

  @Mixin PageSizeOption paging;

  @Spec(Spec.Target.MIXEE) CommandSpec command;

  private Kubeconfigs.Connection connection;
  private List<String> liveNamespaces;

  /**
   * The library set up for the chosen source and namespaces, with {@code planning}; with {@code
   * job}'s settings and run id if given, else with run id {@link JobSettings#MANIFESTS_RUN_ID}.
   *
   * @throws SnapshotException if the source cannot be read or reached
   * @throws ParameterException if an option is wrong, such as a strategy that is not installed
   */
  K8upRwo backups(NamespaceOptions namespaces, PlanningOptions planning, Optional<JobSettings> job)
      throws SnapshotException {
    return planning.build(builder(namespaces, planning, job));
  }

  /** What {@link #backups} builds, for a command that sets more before building it. */
  K8upRwo.Builder builder(NamespaceOptions namespaces, PlanningOptions planning, Optional<JobSettings> job)
      throws SnapshotException {
    namespaces.check();
    K8upRwo.Builder backups = K8upRwo.builder();
    paging.applyTo(backups);
    if (isLive()) {
      connection = Kubeconfigs.connect(Optional.ofNullable(source.kubeconfig));
      ClusterProbe.reach(connection, command.commandLine().getErr());
      liveNamespaces = namespaces.live(connection);
      backups.liveCluster(connection.client(), liveNamespaces);
    } else {
      ClusterSnapshot file = source.sample ? readSample() : readClusterFile();
      ClusterSnapshot chosen = namespaces.restrict(file, command.commandLine().getErr());
      noteClaimsWithoutStatus(chosen);
      backups.snapshot(chosen);
    }
    planning.applyTo(backups, isLive());
    job.ifPresent(settings -> backups.tool(settings.tool()).executorOptions(settings.options().build()));
    backups.runId(job.flatMap(JobSettings::runId).orElse(JobSettings.MANIFESTS_RUN_ID));
    return backups;
  }

  /**
   * The cluster as it is now, from {@code backups}; on a live cluster, each namespace read
   * without claims and pods is said on standard error.
   *
   * @throws SnapshotException if the live cluster cannot be read
   */
  ClusterSnapshot snapshot(K8upRwo backups) throws SnapshotException {
    ClusterSnapshot snapshot;
    try {
      snapshot = backups.snapshot();
    } catch (SnapshotException e) {
      throw isLive() ? ClusterProbe.unanswered(e, connection.client().getBasePath()) : e;
    }
    if (isLive()) {
      NamespaceOptions.missing(snapshot, liveNamespaces, connection, command.commandLine().getErr());
    }
    return snapshot;
  }

  // Objects written by hand or by "kubectl create --dry-run" have no status: say so once, not per claim.
  private void noteClaimsWithoutStatus(ClusterSnapshot snapshot) {
    long without = snapshot.claims().stream().filter(claim -> claim.phase() == ClaimPhase.UNKNOWN).count();
    if (without > 0) {
      command.commandLine().getErr().println("note: " + without + " of " + snapshot.claims().size()
          + " claims have no status.phase, so none of them is taken as Bound: was the file exported with"
          + " kubectl get -o yaml?");
    }
  }

  /** Whether the source is a live cluster rather than a file. */
  boolean isLive() {
    return !source.sample && source.clusterFile == null;
  }

  private ClusterSnapshot readClusterFile() throws SnapshotException {
    return source.clusterFile.toString().equals(STANDARD_INPUT)
        ? SnapshotFiles.read(System.in, "<stdin>")
        : SnapshotFiles.read(source.clusterFile);
  }

  private static ClusterSnapshot readSample() throws SnapshotException {
    InputStream in = SourceOptions.class.getResourceAsStream(SAMPLE_RESOURCE);
    if (in == null) {
      throw new IllegalStateException("the sample cluster is missing from this build: " + SAMPLE_RESOURCE);
    }
    try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return SnapshotFiles.read("sample-cluster.yaml", reader);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the bundled sample cluster", e);
    }
  }
}
