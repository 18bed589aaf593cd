package io.k8up.examples.cli;

import io.k8up.core.model.ClusterCapabilities;
import io.k8up.core.model.SnapshotClass;
import io.k8up.core.plan.BackupPlanner;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.snapshot.LiveSnapshots;
import io.k8up.core.snapshot.SnapshotException;
import io.k8up.core.snapshot.SnapshotFiles;
import io.k8up.core.spi.InstalledStrategies;
import io.k8up.core.spi.VolumeAccessStrategy;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
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

  /** The strategy that snapshots volumes through the snapshot API group, which it needs read. */
  static final String CSI_SNAPSHOT = "csi-snapshot";

  static final String SNAPSHOT_GROUP_VERSION = "snapshot.storage.k8s.io/v1";

  /** At most one source; none means the default kubeconfig. */
  static final class Source {
    @Option(names = "--cluster-file", paramLabel = "FILE",
        description = "A file of Kubernetes objects: multi-document YAML, JSON, or a List as `kubectl get -o yaml` writes it.")
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

  private ClusterCapabilities capabilities;
  private List<SnapshotClass> snapshotClasses;

  /**
   * A planner with the chosen settings and strategies.
   *
   * @throws ParameterException if the strategy order names a strategy that is not installed
   */
  BackupPlanner planner() {
    InstalledStrategies installed = InstalledStrategies.load();
    List<VolumeAccessStrategy> strategies;
    try {
      strategies = strategyOrder == null ? installed.defaultOrder() : installed.inOrder(strategyOrder);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(command.commandLine(), "--strategy-order: " + e.getMessage());
    }
    return BackupPlanner.builder().requireOptIn(optIn).strategies(strategies).build();
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

  /** The snapshot of the chosen source, restricted to the chosen namespace. */
  ClusterSnapshot snapshot() throws SnapshotException {
    if (source.sample) {
      return restrict(readSample());
    }
    if (source.clusterFile != null) {
      return restrict(SnapshotFiles.read(source.clusterFile));
    }
    Kubeconfigs.Connection connection = connect();
    return readLive(connection, List.of(namespace(connection)));
  }

  /** Whether the strategy order names {@code csi-snapshot}, which reads VolumeSnapshotClasses. */
  boolean readsSnapshotClasses() {
    return strategyOrder != null && strategyOrder.contains(CSI_SNAPSHOT);
  }

  /**
   * The snapshot of {@code namespaces} of the live cluster, with its Nodes if {@code --read-nodes}
   * asks for them, and what the server serves; with {@code csi-snapshot} in the strategy order,
   * also with its VolumeSnapshotClasses and whether it serves the snapshot API group. Discovery and
   * the classes are read once per command.
   */
  ClusterSnapshot readLive(Kubeconfigs.Connection connection, Collection<String> namespaces)
      throws SnapshotException {
    ClusterSnapshot snapshot = readNodes
        ? LiveSnapshots.readWithNodes(connection.client(), namespaces)
        : LiveSnapshots.read(connection.client(), namespaces);
    if (capabilities == null) {
      boolean csi = readsSnapshotClasses();
      // Classes before capabilities, which mark both as read: a failed list leaves neither cached.
      snapshotClasses = csi ? LiveSnapshots.readSnapshotClasses(connection.client()) : List.of();
      capabilities = LiveSnapshots.discover(
          connection.client(), csi ? List.of(SNAPSHOT_GROUP_VERSION) : List.of());
    }
    return snapshot.withCapabilities(capabilities).withSnapshotClasses(snapshotClasses);
  }

  private ClusterSnapshot restrict(ClusterSnapshot snapshot) {
    return namespace == null ? snapshot : snapshot.inNamespaces(List.of(namespace));
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
