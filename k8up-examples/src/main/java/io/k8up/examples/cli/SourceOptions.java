package io.k8up.examples.cli;

import io.k8up.core.K8upRwo;
import io.k8up.core.run.ProgressListener;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.snapshot.SnapshotException;
import io.k8up.core.snapshot.SnapshotFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where the cluster comes from, and which of its namespaces to plan: options shared by commands. */
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

  @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
      description = "The namespace to plan. Default: every namespace of a file; the context's namespace of a live cluster.")
  String namespace;

  @Option(names = "--opt-in",
      description = "Back up only claims annotated k8up.io/backup=true (K8up's BACKUP_SKIP_WITHOUT_ANNOTATION).")
  boolean optIn;

  @Option(names = "--read-nodes",
      description = "Also list the Nodes of a live cluster, so that backup pods of claims no pod mounts tolerate the"
          + " NoSchedule and NoExecute taints of the node they are pinned to. Needs \"list\" on nodes (cluster-scoped)."
          + " A file's Nodes are always read.")
  boolean readNodes;

  @Option(names = "--strategy-order", paramLabel = "ID", split = ",",
      description = "The volume-access strategies to use, most preferred first, e.g. job-per-pvc,ephemeral-container."
          + " Default: the library's own installed strategies in that order. With csi-snapshot, a live read also lists"
          + " the VolumeSnapshotClasses, which needs \"list\" on volumesnapshotclasses.snapshot.storage.k8s.io.")
  List<String> strategyOrder;

  @Spec(Spec.Target.MIXEE) CommandSpec command;

  /**
   * The library set up for the chosen source, planning settings and, if given, run settings.
   *
   * @throws SnapshotException if the source cannot be read or reached
   * @throws ParameterException if the strategy order names a strategy that is not installed
   */
  K8upRwo backups(Optional<RunSettings> run, ProgressListener... listeners) throws SnapshotException {
    K8upRwo.Builder backups = K8upRwo.builder().requireOptIn(optIn).readNodes(readNodes);
    if (isLive()) {
      Kubeconfigs.Connection connection = connect();
      backups.liveCluster(connection.client(), List.of(namespace(connection)));
    } else {
      if (readNodes) {
        command.commandLine().getErr().println("note: --read-nodes changes nothing for a file or the sample: their"
            + " Nodes are always read");
      }
      backups.snapshot(restrict(source.sample ? readSample() : readClusterFile()));
    }
    if (strategyOrder != null) {
      backups.strategyOrder(strategyOrder);
    }
    run.ifPresent(settings -> backups.tool(settings.tool()).runId(settings.runId()).executorOptions(settings.options())
        .sink(settings.sink()));
    Arrays.stream(listeners).forEach(backups::listener);
    try {
      return backups.build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(command.commandLine(), "--strategy-order: " + e.getMessage());
    }
  }

  /** Whether the source is a live cluster rather than a file. */
  boolean isLive() {
    return !source.sample && source.clusterFile == null;
  }

  /**
   * A connection to the live cluster of the kubeconfig.
   *
   * @throws SnapshotException if the kubeconfig cannot be read
   */
  Kubeconfigs.Connection connect() throws SnapshotException {
    return Kubeconfigs.connect(Optional.ofNullable(source.kubeconfig));
  }

  /** The namespace to work in on a live cluster: the chosen one, else the context's. */
  String namespace(Kubeconfigs.Connection connection) {
    return namespace != null ? namespace : connection.namespace();
  }

  private ClusterSnapshot restrict(ClusterSnapshot snapshot) {
    return namespace == null ? snapshot : snapshot.inNamespaces(List.of(namespace));
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
