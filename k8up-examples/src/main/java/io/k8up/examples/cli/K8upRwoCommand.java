package io.k8up.examples.cli;

import io.k8up.core.TerminalText;
import io.k8up.core.snapshot.SnapshotException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code k8up-rwo} command line: plans, explains, prints and runs backups of a cluster's claims, and restores them. */
@Command(
    name = "k8up-rwo",
    mixinStandardHelpOptions = true,
    version = "k8up-rwo 0.1.0-SNAPSHOT",
    description = "Back up the files of Kubernetes PersistentVolumeClaims of every access mode.",
    subcommands = {PlanCommand.class, ExplainCommand.class, ManifestsCommand.class, RunCommand.class, RestoreCommand.class,
        SweepCommand.class},
    exitCodeOnInvalidInput = ExitCodes.INPUT_ERROR,
    exitCodeOnExecutionException = ExitCodes.INPUT_ERROR,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:nothing failed",
      "1:usage or input error",
      "2:at least one claim or pod cannot be backed up (a FAIL decision), or a run did not back up everything it planned to;"
          + " for restore, a claim that cannot be or was not restored"
    })
public final class K8upRwoCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /**
   * Runs the command line and exits with its exit code, also when a signal cut a run short; started
   * without Java options, runs it in a JVM with the jar's own settings ({@link DefaultJvm}).
   */
  public static void main(String[] args) throws InterruptedException {
    // The process's own command line, not the JVM's view of it, which costs JMX's start-up.
    List<String> javaArguments =
        ProcessHandle.current().info().arguments().map(List::of).orElse(List.of());
    Optional<List<String>> relaunch = DefaultJvm.command(
        javaArguments, System.getenv(), System.getProperty("java.home"), List.of(args));
    if (relaunch.isPresent()) {
      try {
        System.exit(DefaultJvm.run(relaunch.get()));
      } catch (IOException e) {
        // No java command next to this JVM's: the command runs here, with the settings it has.
      }
    }
    InterruptibleRun.exit(commandLine().execute(args));
  }

  /** The command line, ready to execute; tests redirect its output. */
  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new K8upRwoCommand());
    // Annotation attributes are not inherited: every subcommand exits 1 on bad usage, like the top.
    commandLine.getSubcommands().values().forEach(sub -> sub.getCommandSpec()
        .exitCodeOnInvalidInput(ExitCodes.INPUT_ERROR)
        .exitCodeOnExecutionException(ExitCodes.INPUT_ERROR));
    RestoreCommand.dropBackupOnlyOptions(commandLine.getSubcommands().get("restore").getCommandSpec());
    // A usage error is one line and where to read more, not the whole usage: the help is one option away.
    commandLine.setParameterExceptionHandler((e, args) -> {
      CommandLine command = e.getCommandLine();
      command.getErr().println("k8up-rwo: " + TerminalText.escape(e.getMessage()) + "; see '"
          + command.getCommandSpec().qualifiedName() + " --help'");
      command.getErr().flush();
      return command.getCommandSpec().exitCodeOnInvalidInput();
    });
    // Input that cannot be read is said in one line, never with a stack trace.
    commandLine.setExecutionExceptionHandler((e, command, parseResult) -> {
      if (!(e instanceof SnapshotException)) {
        throw e;
      }
      command.getErr().println("k8up-rwo: " + TerminalText.escape(e.getMessage()));
      command.getErr().flush();
      return ExitCodes.INPUT_ERROR;
    });
    return commandLine;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command (try 'k8up-rwo plan --sample')");
  }
}
