package io.k8up.examples.cli;

import com.google.common.collect.ImmutableList;
import io.k8up.core.K8upRwo;
import io.k8up.core.TerminalText;
import io.k8up.core.restore.OverwritePolicy;
import io.k8up.core.restore.RestoreAction;
import io.k8up.core.restore.RestoreDecision;
import io.k8up.core.restore.RestorePlan;
import io.k8up.core.restore.RestorePlanJson;
import io.k8up.core.restore.RestoreRequest;
import io.k8up.core.restore.SnapshotChoice;
import io.k8up.core.restore.StorageClassBinding;
import io.k8up.core.run.MaterializedPlan;
import io.k8up.core.run.RestoreReport;
import io.k8up.core.run.RestoreReportJson;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.snapshot.SnapshotException;
import io.k8up.core.spi.RunId;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code k8up-rwo restore}: restores claims of one namespace from their backups, placed as their
 * backups are; or, with {@code --plan} or {@code --manifests}, says what it would do.
 */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    description = {
      "Restore the backups of claims of one namespace into them (or --to another claim), where a backup of the"
          + " target claim would run; report per claim the snapshot restored and the files and bytes restic restored.",
      "With --plan, print the decisions only (each with its reason and what to do); with --explain, why each is"
          + " decided as it is; with --manifests, the objects a restore would create. These read a file or the sample"
          + " too; a restore itself needs a live cluster."
    })
final class RestoreCommand implements Callable<Integer> {

  private static final Pattern CLAIM_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  /** The output formats. */
  enum Format { table, wide, json }

  /** Which backup: at most one of the two. */
  static final class Which {
    @Option(names = "--snapshot", paramLabel = "ID", converter = SnapshotId.class,
        description = "The backup with this restic snapshot id (8 to 64 hex digits, a prefix of one of the claim's"
            + " backups). Default: the latest.")
    SnapshotChoice id;

    @Option(names = "--as-of", paramLabel = "TIME", converter = AsOf.class,
        description = "The latest backup taken at or before TIME, e.g. 2026-11-28T22:00:00Z or"
            + " 2026-11-28T23:00:00+01:00. Default: the latest.")
    SnapshotChoice asOf;
  }

  /** What to do instead of restoring: at most one. */
  static final class Mode {
    @Option(names = "--plan", description = "Print the restore's decisions and do nothing.")
    boolean plan;

    @Option(names = "--manifests", description = "Print what a restore would create, as YAML for kubectl apply -f -.")
    boolean manifests;

    @Option(names = "--explain",
        description = "Say for each claim why the restore is decided as it is: the reason, where and how it would run,"
            + " as which pods' user, from which backup, and what to do.")
    boolean explain;
  }

  @Mixin SourceOptions source;

  @Mixin NamespaceOptions namespaces;

  @Mixin PlanningOptions planning;

  @Mixin JobSettings job;

  @Mixin RunSettings settings;

  @Parameters(paramLabel = "CLAIM", arity = "1..*", description = "The claims whose backups to restore.")
  List<String> claims;

  @Option(names = "--to", paramLabel = "NAME",
      description = "Restore into this claim instead (one CLAIM only); created like CLAIM (storage class, size, access"
          + " modes) when it does not exist.")
  String to;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Which which = new Which();

  @Option(names = "--in-use",
      description = "Restore a claim that a running pod mounts: on that pod's node, or for a ReadWriteOncePod claim"
          + " through an ephemeral container of the pod. The application sees its files change under it.")
  boolean inUse;

  @Option(names = "--keep-existing",
      description = "Leave files already in the claim that the backup also holds (restic --overwrite never, restic"
          + " 0.17 or later). Default: the backup's version replaces them. Other files are never deleted.")
  boolean keepExisting;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Mode mode = new Mode();

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
      description = "table (fits the terminal), wide (whole messages) or json (the plan's or the report's versioned"
          + " JSON, docs/restore.md). Default: ${DEFAULT-VALUE}.")
  Format output;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException, SnapshotException {
    String namespace = validate();
    PrintWriter err = spec.commandLine().getErr();
    boolean dry = mode.plan || mode.manifests || mode.explain;
    if (!dry && !source.isLive()) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "a restore runs on a live cluster only; --plan, --explain and --manifests also read --cluster-file and"
              + " --sample");
    }
    K8upRwo.Builder builder = source.builder(namespaces, planning, Optional.of(job));
    if (!dry) {
      builder.runId(job.runId().orElseGet(RunId::fresh))
          .executorOptions(settings.options(job.options()))
          .listener(event -> RunCommand.progress(event, err));
    }
    K8upRwo restores = planning.build(builder);
    ClusterSnapshot snapshot = source.snapshot(restores);
    List<StorageClassBinding> classes = storageClasses(restores, err);
    RestorePlan plan = restores.restorePlan(snapshot, classes, requests(namespace));
    PrintWriter out = spec.commandLine().getOut();
    if (mode.plan) {
      printPlan(plan, out);
      return plan.hasFailures() ? ExitCodes.FAILED_DECISIONS : ExitCodes.OK;
    }
    if (mode.explain) {
      plan.decisions().forEach(decision -> RestoreExplanation.print(decision, out));
      out.flush();
      return plan.hasFailures() ? ExitCodes.FAILED_DECISIONS : ExitCodes.OK;
    }
    if (mode.manifests) {
      plan.decisions().stream().filter(decision -> decision.action() != RestoreAction.RESTORE).forEach(decision ->
          err.println(TerminalText.escape("# not restored: " + decision.subject() + ": " + decision.message())));
      MaterializedPlan manifests = restores.restoreManifests(plan, snapshot);
      manifests.failures().forEach((subject, why) -> err.println(
          TerminalText.escape("# not restored: " + subject + ": " + why)));
      PrintedManifests.print(manifests.objects(), job.timeout, out, err);
      out.flush();
      err.flush();
      return plan.hasFailures() || manifests.hasFailures() ? ExitCodes.FAILED_DECISIONS : ExitCodes.OK;
    }
    err.println("restore " + restores.runId() + ": " + plan.decisions().size() + " decisions");
    err.flush();
    RestoreReport report = InterruptibleRun.run(() -> restores.restore(plan, snapshot, classes));
    if (output == Format.json) {
      RestoreReportJson.write(report, out);
      out.println();
    } else {
      RestoreTable.print(report, output == Format.wide ? TextTable.UNLIMITED : TerminalWidth.of(System.getenv()), out);
    }
    out.flush();
    return plan.hasFailures() || report.hasFailures() ? ExitCodes.FAILED_DECISIONS : ExitCodes.OK;
  }

  /** Checks what picocli cannot, before anything is read; returns the one namespace. */
  private String validate() {
    ImmutableList<String> named = namespaces.named();
    if (named.size() != 1) {
      throw usage("restore works in one namespace: give it with -n NAMESPACE");
    }
    for (String claim : claims) {
      checkClaimName("CLAIM", claim);
    }
    if (to != null) {
      checkClaimName("--to", to);
      if (claims.size() != 1) {
        throw usage("--to restores one claim into another: give one CLAIM with it, not " + claims.size());
      }
    }
    if ((mode.manifests || mode.explain) && output != Format.table) {
      throw usage("--output goes with --plan or a restore; --manifests prints YAML and --explain text");
    }
    return named.get(0);
  }

  /**
   * Takes out of {@code restore} the options of the mixins it shares with backups that a restore
   * has no use for, so that its usage does not show them and giving one is an unknown option.
   */
  static void dropBackupOnlyOptions(CommandLine.Model.CommandSpec restore) {
    for (String name : List.of("--all-namespaces", "--opt-in", "--grouping", "--restic", "--record-events")) {
      restore.remove(restore.findOption(name));
    }
  }

  private void checkClaimName(String what, String name) {
    if (name.length() > 253 || !CLAIM_NAME.matcher(name).matches()) {
      throw usage(what + ": expected a claim name (up to 253 lower-case letters, digits, inner dashes and dots), not \""
          + name + "\"");
    }
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  private List<RestoreRequest> requests(String namespace) {
    SnapshotChoice choice = Optional.ofNullable(which.id).or(() -> Optional.ofNullable(which.asOf))
        .orElse(SnapshotChoice.latest());
    List<RestoreRequest> requests = new ArrayList<>();
    for (String claim : claims) {
      requests.add(RestoreRequest.builder().namespace(namespace).claim(claim).to(Optional.ofNullable(to))
          .snapshot(choice).inUse(inUse)
          .overwrite(keepExisting ? OverwritePolicy.KEEP_EXISTING : OverwritePolicy.OVERWRITE)
          .build());
    }
    return requests;
  }

  // Without them a Pending claim cannot be told bindable: say so, and plan it NOT_BOUND.
  private static List<StorageClassBinding> storageClasses(K8upRwo restores, PrintWriter err) {
    try {
      return restores.storageClasses();
    } catch (SnapshotException e) {
      err.println(TerminalText.escape("note: the StorageClasses cannot be read (" + e.getMessage() + "): a Pending"
          + " target claim is planned NOT_BOUND. Grant \"list\" on storageclasses.storage.k8s.io to plan it."));
      return List.of();
    }
  }

  private void printPlan(RestorePlan plan, PrintWriter out) throws IOException {
    if (output == Format.json) {
      RestorePlanJson.write(plan, out);
      out.println();
      out.flush();
      return;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"NAMESPACE", "CLAIM", "TARGET", "ACTION", "REASON", "METHOD", "WHERE", "MESSAGE"});
    for (RestoreDecision decision : plan.decisions()) {
      rows.add(new String[] {
        decision.request().namespace(),
        decision.request().claim(),
        decision.request().targetClaim(),
        decision.action().name(),
        decision.reason().name(),
        decision.target().map(target -> target.method().name()).orElse("-"),
        decision.target().map(target -> target.placement().describe()).orElse("-"),
        decision.message()
      });
    }
    TextTable.print(rows, output == Format.wide ? TextTable.UNLIMITED : TerminalWidth.of(System.getenv()), out);
    out.flush();
  }

  /** A snapshot id, checked as the library checks it. */
  static final class SnapshotId implements ITypeConverter<SnapshotChoice> {
    @Override
    public SnapshotChoice convert(String value) {
      try {
        return SnapshotChoice.id(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** A time with an offset, as RFC 3339 writes it. */
  static final class AsOf implements ITypeConverter<SnapshotChoice> {
    @Override
    public SnapshotChoice convert(String value) {
      Instant time;
      try {
        time = OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException e) {
        throw new TypeConversionException("expected a time with its offset, such as 2026-11-28T22:00:00Z, not \""
            + value + "\"");
      }
      try {
        return SnapshotChoice.asOf(time);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
