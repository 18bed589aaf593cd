package io.k8up.examples.cli;

import io.k8up.core.TerminalText;
import io.k8up.core.kube.ClientJavaGateway;
import io.k8up.core.kube.RetryingGateway;
import io.k8up.core.run.ExecutorOptions;
import io.k8up.core.spi.RunId;
import io.k8up.core.run.SweepReport;
import io.k8up.core.run.Sweeper;
import io.k8up.core.spi.InstalledStrategies;
import io.k8up.core.snapshot.SnapshotException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code k8up-rwo sweep}: deletes what runs left behind when their process died. */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = "Delete the Jobs, temporary claims and VolumeSnapshots that runs left behind when their process died."
        + " VolumeSnapshots labelled k8up.io/keep=true are kept.")
final class SweepCommand implements Callable<Integer> {

  @Mixin ClusterOptions cluster;

  @Mixin NamespaceOptions namespaces;

  @Mixin PageSizeOption pages;

  @Option(names = "--run-id", paramLabel = "ID", converter = OptionConverters.RunIdValue.class,
      description = "Sweep only what this run created. Default: what any run created.")
  RunId runId;

  @Option(names = "--older-than", paramLabel = "DURATION", defaultValue = "2h", converter = OptionConverters.DurationValue.class,
      description = "Sweep only objects created longer ago than this, so that running runs are left alone, e.g. 90m."
          + " Default: ${DEFAULT-VALUE}.")
  Duration olderThan;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws SnapshotException {
    namespaces.check();
    Kubeconfigs.Connection connection = cluster.connect();
    SilentServerStop gateway = new SilentServerStop(RetryingGateway.of(ClientJavaGateway.of(connection.client()),
        ExecutorOptions.defaults().retryPolicy()), connection.client().getBasePath());
    SweepReport report = Sweeper.sweep(gateway, InstalledStrategies.load().all(), namespaces.live(connection),
        Optional.ofNullable(runId), olderThan, pages.pageSize);
    PrintWriter out = spec.commandLine().getOut();
    report.deleted().forEach(object -> out.println("deleted " + TerminalText.escape(object)));
    report.kept().forEach(object -> out.println("kept    " + TerminalText.escape(object)));
    report.failed().forEach(object -> out.println("failed  " + TerminalText.escape(object)));
    out.println(report.deleted().size() + " deleted, " + report.kept().size() + " kept, " + report.failed().size()
        + " failed, in " + report.apiRequests() + " API requests.");
    out.flush();
    Optional<SnapshotException> unanswered = gateway.silence()
        .flatMap(failure -> ClusterProbe.unanswered(failure, connection.client().getBasePath()));
    if (unanswered.isPresent()) {
      throw unanswered.get();
    }
    return report.failed().isEmpty() ? ExitCodes.OK : ExitCodes.FAILED_DECISIONS;
  }
}
