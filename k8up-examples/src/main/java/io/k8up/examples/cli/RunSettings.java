package io.k8up.examples.cli;

import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.run.ExecutorOptions;
import io.k8up.core.spi.Grouping;
import io.k8up.core.run.ImmutableExecutorOptions;
import io.k8up.core.spi.RunId;
import io.k8up.core.sink.BackupSink;
import io.k8up.core.sink.ResticSink;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** How a run goes and what it runs: options shared by {@code run} and {@code manifests}. */
final class RunSettings {

  /** The grouping names as the command line spells them. */
  enum GroupingName {
    per_claim(Grouping.PER_CLAIM),
    per_node(Grouping.PER_NODE);

    final Grouping grouping;

    GroupingName(Grouping grouping) {
      this.grouping = grouping;
    }
  }

  @Option(names = "--run-id", paramLabel = "ID", converter = RunIdConverter.class,
      description = "The run's id, in the names and labels of what it creates; give an unfinished run's id to finish it."
          + " Default: a fresh one.")
  RunId runId;

  @Option(names = "--max-concurrent", paramLabel = "N", defaultValue = "4",
      description = "Units running at once, in all. Default: ${DEFAULT-VALUE}.")
  int maxConcurrent;

  @Option(names = "--max-per-node", paramLabel = "N", defaultValue = "1",
      description = "Units running at once on one node. Default: ${DEFAULT-VALUE}.")
  int maxPerNode;

  @Option(names = "--max-per-namespace", paramLabel = "N",
      description = "Units running at once in one namespace. Default: no limit.")
  Integer maxPerNamespace;

  @Option(names = "--grouping", paramLabel = "GROUPING", defaultValue = "per-claim", converter = GroupingConverter.class,
      description = "per-claim (one Job per claim) or per-node (one Job per node with all its claims). Default: ${DEFAULT-VALUE}.")
  Grouping grouping;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "1h", converter = PositiveDurationConverter.class,
      description = "How long one unit may run, e.g. 90s, 30m, 2h. Default: ${DEFAULT-VALUE}.")
  Duration timeout;

  @Option(names = "--unschedulable-timeout", paramLabel = "DURATION", defaultValue = "2m",
      converter = PositiveDurationConverter.class,
      description = "How long a backup pod may stay unschedulable before its placement counts as stale and its claims"
          + " are planned again from a fresh read; a fresh plan that places them the same way fails them at once."
          + " Default: ${DEFAULT-VALUE}.")
  Duration unschedulableTimeout;

  @Option(names = "--image", paramLabel = "IMAGE", defaultValue = BackupToolSpec.RESTIC_IMAGE,
      description = "The restic image. Default: ${DEFAULT-VALUE}.")
  String image;

  @Option(names = "--repository-secret", paramLabel = "NAME", defaultValue = "k8up-rwo-repository",
      description = "The Secret, in each claim's namespace, with RESTIC_REPOSITORY, RESTIC_PASSWORD and the storage's"
          + " credentials; referenced, never read. Default: ${DEFAULT-VALUE}.")
  String repositorySecret;

  @Option(names = "--restic", paramLabel = "PROGRAM", defaultValue = "restic",
      description = "The restic that receives the output of pods' backup commands (k8up.io/backupcommand), run on"
          + " this machine; its repository and password come from this process's environment (RESTIC_REPOSITORY,"
          + " RESTIC_PASSWORD), not from the repository Secret. Default: ${DEFAULT-VALUE}.")
  String restic;

  @Option(names = "--record-events",
      description = "Record a Kubernetes Event on each claim and pod with its outcome, so that kubectl describe pvc"
          + " tells why; needs \"create\" on events.")
  boolean recordEvents;

  private RunId fresh;

  /** The run id given, or one fresh id for the life of this command. */
  RunId runId() {
    if (runId != null) {
      return runId;
    }
    if (fresh == null) {
      fresh = RunId.fresh();
    }
    return fresh;
  }

  /**
   * The executor's options.
   *
   * @throws IllegalStateException if a limit or the timeout is not positive
   */
  ExecutorOptions options() {
    ImmutableExecutorOptions.Builder options = ExecutorOptions.builder()
        .maxConcurrent(maxConcurrent)
        .maxPerNode(maxPerNode)
        .grouping(grouping)
        .unitTimeout(timeout)
        .unschedulableTimeout(unschedulableTimeout)
        .recordEvents(recordEvents);
    if (maxPerNamespace != null) {
      options.maxPerNamespace(maxPerNamespace);
    }
    return options.build();
  }

  /** The restic tool with the chosen image and repository Secret. */
  BackupToolSpec tool() {
    return BackupToolSpec.restic(repositorySecret).image(image).build();
  }

  /** Where backup commands' output goes: the chosen restic, with this process's environment. */
  BackupSink sink() {
    return ResticSink.builder().executable(restic).build();
  }

  static final class RunIdConverter implements ITypeConverter<RunId> {
    @Override
    public RunId convert(String value) {
      try {
        return RunId.of(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  static final class GroupingConverter implements ITypeConverter<Grouping> {
    @Override
    public Grouping convert(String value) {
      try {
        return GroupingName.valueOf(value.replace('-', '_')).grouping;
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("expected per-claim or per-node, not \"" + value + "\"");
      }
    }
  }

  /** {@code 90s}, {@code 30m}, {@code 2h}, or ISO-8601 such as {@code PT1H30M}; zero or more. */
  static class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        Duration duration = value.matches("\\d+[smh]")
            ? Duration.parse("PT" + value.toUpperCase(Locale.ROOT))
            : Duration.parse(value);
        if (duration.isNegative()) {
          throw new TypeConversionException("a duration cannot be negative: " + value);
        }
        return duration;
      } catch (DateTimeParseException e) {
        throw new TypeConversionException("expected a duration such as 90s, 30m or 2h, not \"" + value + "\"");
      }
    }
  }

  /** As {@link DurationConverter}, more than zero. */
  static final class PositiveDurationConverter extends DurationConverter {
    @Override
    public Duration convert(String value) {
      Duration duration = super.convert(value);
      if (duration.isZero()) {
        throw new TypeConversionException("a duration must be positive: " + value);
      }
      return duration;
    }
  }
}
