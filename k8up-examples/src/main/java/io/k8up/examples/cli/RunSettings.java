package io.k8up.examples.cli;

import io.k8up.core.run.ExecutorOptions;
import io.k8up.core.run.ImmutableExecutorOptions;
import io.k8up.core.sink.BackupSink;
import io.k8up.core.sink.ResticSink;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How a run goes on the cluster: options of {@code run} only. */
final class RunSettings {

  @Option(names = "--max-concurrent", paramLabel = "N", defaultValue = "4", converter = OptionConverters.PositiveInt.class,
      description = "Units running at once, in all. Default: ${DEFAULT-VALUE}.")
  int maxConcurrent;

  @Option(names = "--max-per-node", paramLabel = "N", defaultValue = "1", converter = OptionConverters.PositiveInt.class,
      description = "Units running at once on one node. Default: ${DEFAULT-VALUE}.")
  int maxPerNode;

  @Option(names = "--max-per-namespace", paramLabel = "N", converter = OptionConverters.PositiveInt.class,
      description = "Units running at once in one namespace. Default: no limit.")
  Integer maxPerNamespace;

  @Option(names = "--unschedulable-timeout", paramLabel = "DURATION", defaultValue = "2m",
      converter = OptionConverters.PositiveDuration.class,
      description = "How long a backup pod may stay unschedulable before its placement counts as stale and its claims"
          + " are planned again from a fresh read; a fresh plan that places them the same way fails them at once."
          + " Default: ${DEFAULT-VALUE}.")
  Duration unschedulableTimeout;

  @Option(names = "--restic", paramLabel = "PROGRAM", defaultValue = "restic", converter = OptionConverters.Program.class,
      description = "The restic that receives the output of pods' backup commands (k8up.io/backupcommand), run on"
          + " this machine; its repository and password come from this process's environment (RESTIC_REPOSITORY,"
          + " RESTIC_PASSWORD), not from the repository Secret. Default: ${DEFAULT-VALUE}.")
  String restic;

  @Option(names = "--record-events",
      description = "Record a Kubernetes Event on each claim and pod with its outcome, so that kubectl describe pvc"
          + " tells why; needs \"create\" on events.")
  boolean recordEvents;

  /** The executor's options: {@code base} with these limits, every one already checked positive. */
  ExecutorOptions options(ImmutableExecutorOptions.Builder base) {
    base.maxConcurrent(maxConcurrent).maxPerNode(maxPerNode).unschedulableTimeout(unschedulableTimeout)
        .recordEvents(recordEvents);
    if (maxPerNamespace != null) {
      base.maxPerNamespace(maxPerNamespace);
    }
    return base.build();
  }

  /** Where backup commands' output goes: the chosen restic, with this process's environment. */
  BackupSink sink() {
    return ResticSink.builder().executable(restic).build();
  }
}
