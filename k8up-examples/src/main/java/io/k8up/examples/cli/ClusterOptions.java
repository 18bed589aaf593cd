package io.k8up.examples.cli;

import io.k8up.core.snapshot.SnapshotException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The live cluster of the commands that need one ({@code run}, {@code sweep}). */
final class ClusterOptions {

  @Option(names = "--kubeconfig", paramLabel = "FILE",
      description = "The kubeconfig of the cluster. Default: $KUBECONFIG, then ~/.kube/config, as kubectl finds it.")
  Path kubeconfig;

  @Spec(Spec.Target.MIXEE) CommandSpec command;

  /**
   * A connection to the cluster, once its API server has answered.
   *
   * @throws SnapshotException if the kubeconfig cannot be read or the server cannot be reached
   */
  Kubeconfigs.Connection connect() throws SnapshotException {
    Kubeconfigs.Connection connection = Kubeconfigs.connect(Optional.ofNullable(kubeconfig));
    ClusterProbe.reach(connection, command.commandLine().getErr());
    return connection;
  }
}
