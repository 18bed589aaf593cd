package io.k8up.examples.cli;

import io.k8up.core.K8upRwo;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How to plan: options of the commands that plan ({@code plan}, {@code explain}, {@code manifests}, {@code run}). */
final class PlanningOptions {

  @Option(names = "--opt-in",
      description = "Back up only claims annotated k8up.io/backup=true (K8up's BACKUP_SKIP_WITHOUT_ANNOTATION).")
  boolean optIn;

  @Option(names = "--read-nodes",
      description = "Also list the Nodes of a live cluster, so that backup pods of claims no pod mounts tolerate the"
          + " NoSchedule and NoExecute taints of the node they are pinned to. Needs \"list\" on nodes (cluster-scoped)."
          + " A file's Nodes are always read.")
  boolean readNodes;

  @Option(names = "--strategy-order", paramLabel = "ID", split = ",", converter = OptionConverters.StrategyId.class,
      description = "The volume-access strategies to use, most preferred first, e.g. job-per-pvc,ephemeral-container."
          + " Default: the library's own installed strategies in that order. With csi-snapshot, a live read also lists"
          + " the VolumeSnapshotClasses, which needs \"list\" on volumesnapshotclasses.snapshot.storage.k8s.io.")
  List<String> strategyOrder;

  @Spec(Spec.Target.MIXEE) CommandSpec command;

  /** Sets these options on {@code backups}, whose source is a live cluster if {@code live}. */
  void applyTo(K8upRwo.Builder backups, boolean live) {
    backups.requireOptIn(optIn).readNodes(live && readNodes);
    if (readNodes && !live) {
      command.commandLine().getErr().println("note: --read-nodes changes nothing for a file or the sample: their"
          + " Nodes are always read");
    }
    if (strategyOrder != null) {
      backups.strategyOrder(strategyOrder);
    }
  }

  /**
   * Builds {@code backups}.
   *
   * @throws ParameterException if the strategy order names a strategy that is not installed
   */
  K8upRwo build(K8upRwo.Builder backups) {
    try {
      return backups.build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(command.commandLine(), "--strategy-order: " + e.getMessage());
    }
  }
}
