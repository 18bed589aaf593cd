package io.k8up.examples.cli;

import io.k8up.core.K8upRwo;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.run.ExecutorOptions;
import io.k8up.core.spi.Grouping;
import io.k8up.core.run.ImmutableExecutorOptions;
import io.k8up.core.spi.RunId;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** What the backup objects look like: options of the commands that make them ({@code manifests}, {@code run}). */
final class JobSettings {

  /**
   * The run id of {@code manifests} when none is given: fixed, so that printing the manifests of
   * an unchanged cluster again gives the same text, and a GitOps diff shows only real changes.
   */
  static final RunId MANIFESTS_RUN_ID = RunId.of("manifests");

  @Option(names = "--run-id", paramLabel = "ID", converter = OptionConverters.RunIdValue.class,
      description = "The run's id, in the names and labels of what it creates; give an unfinished run's id to finish it."
          + " Default: a fresh one for run, \"manifests\" for manifests (so that their output does not change).")
  RunId runId;

  @Option(names = "--grouping", paramLabel = "GROUPING", defaultValue = "per-claim",
      converter = OptionConverters.GroupingValue.class,
      description = "per-claim (one Job per claim) or per-node (one Job per node with all its claims). Default: ${DEFAULT-VALUE}.")
  // Set here too for restore, which takes the option out and restores claim by claim.
  Grouping grouping = Grouping.PER_CLAIM;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "1h", converter = OptionConverters.PositiveDuration.class,
      description = "How long one backup may run, e.g. 90s, 30m, 1h30m; the printed Jobs' activeDeadlineSeconds."
          + " Default: ${DEFAULT-VALUE}.")
  Duration timeout;

  @Option(names = "--image", paramLabel = "IMAGE", defaultValue = BackupToolSpec.RESTIC_IMAGE,
      converter = OptionConverters.Image.class,
      description = "The restic image. Default: ${DEFAULT-VALUE}.")
  String image;

  @Option(names = "--repository-secret", paramLabel = "NAME", defaultValue = K8upRwo.DEFAULT_REPOSITORY_SECRET,
      converter = OptionConverters.SecretName.class,
      description = "The Secret, in each claim's namespace, with RESTIC_REPOSITORY, RESTIC_PASSWORD and the storage's"
          + " credentials; referenced, never read. Default: ${DEFAULT-VALUE}.")
  String repositorySecret;

  /** The run id given, if one was. */
  Optional<RunId> runId() {
    return Optional.ofNullable(runId);
  }

  /** The executor's options these settings set: grouping and timeout. */
  ImmutableExecutorOptions.Builder options() {
    return ExecutorOptions.builder().grouping(grouping).unitTimeout(timeout);
  }

  /** The restic tool with the chosen image and repository Secret. */
  BackupToolSpec tool() {
    return BackupToolSpec.restic(repositorySecret).image(image).build();
  }
}
