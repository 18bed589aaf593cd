package io.k8up.core.spi.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableList;
import io.k8up.core.restore.OverwritePolicy;
import io.k8up.core.restore.SnapshotChoice;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the restore script picks a backup, run by the host's {@code sh} against a stand-in {@code
 * restic} that lists fixed snapshots and prints the restore it is asked for: times with offsets and
 * fractions, ids by prefix, and the exit codes that name each way of finding nothing. The real
 * restic runs it end to end in the job-per-pvc module's restore test.
 */
class ResticRestoreCommandTest {

  /** Three backups of shop/data: times written as restic writes them, in three offsets. */
  private static final String SNAPSHOTS = "[{\"time\":\"2026-11-29T08:00:00.5+01:00\",\"paths\":[\"/data/data\"],"
      + "\"id\":\"aaaa1111\",\"short_id\":\"aaaa1111\"},"
      + "{\"time\":\"2026-11-29T06:59:59Z\",\"tags\":[\"k8up-rwo\"],\"id\":\"bbbb2222\",\"short_id\":\"bbbb2222\"},"
      + "{\"time\":\"2026-11-29T06:30:00.25-00:30\",\"summary\":{\"files_new\":1},\"id\":\"aaaa3333\"}]";

  /** What restic 0.17 and later print last for {@code restore --json}. */
  private static final String SUMMARY = "{\"message_type\":\"summary\",\"seconds_elapsed\":0,\"total_files\":3,"
      + "\"files_restored\":3,\"files_skipped\":0,\"total_bytes\":12,\"bytes_restored\":12,\"bytes_skipped\":0}";

  @TempDir
  Path bin;

  @Test
  void latestIsTheClaimsBackupTakenLastWhateverItsOffsetAndIsReportedWithResticsSummary() throws Exception {
    Run run = run(SNAPSHOTS, SnapshotChoice.latest(), OverwritePolicy.OVERWRITE);

    assertThat(run.exitCode).as(run.stderr).isZero();
    // 08:00:00.5+01:00 is the latest: 07:00:00.5Z.
    assertThat(run.stdout).startsWith("restore --json aaaa1111 --include /data/data --target /\n");
    assertThat(run.report).isEqualTo("{\"snapshot\":\"aaaa1111\",\"summary\":" + SUMMARY + "}");
    assertThat(RestoreResult.details(run.report)).containsExactly(Map.entry(RestoreResult.SNAPSHOT, "aaaa1111"),
        Map.entry(RestoreResult.FILES_RESTORED, "3"), Map.entry(RestoreResult.BYTES_RESTORED, "12"));
  }

  @Test
  void aResticWithoutASummaryStillReportsTheSnapshot() throws Exception {
    Run run = run(SNAPSHOTS, SnapshotChoice.id("bbbb2222"), OverwritePolicy.OVERWRITE, false);

    assertThat(run.exitCode).as(run.stderr).isZero();
    assertThat(run.report).isEqualTo("{\"snapshot\":\"bbbb2222\"}");
  }

  @Test
  void asOfPicksTheLatestBackupAtOrBeforeTheTimeWhateverItsOffset() throws Exception {
    // 08:00:00.5+01:00 is 07:00:00.5Z; 06:30:00.25-00:30 is 07:00:00.25Z; 06:59:59Z is the earliest.
    assertThat(restoredAsOf("2026-11-29T07:00:00.5Z")).isEqualTo("aaaa1111");
    assertThat(restoredAsOf("2026-11-29T07:00:00.499999999Z")).isEqualTo("aaaa3333");
    assertThat(restoredAsOf("2026-11-29T07:00:00.25Z")).isEqualTo("aaaa3333");
    assertThat(restoredAsOf("2026-11-29T07:00:00.1Z")).isEqualTo("bbbb2222");
  }

  @Test
  void asOfBeforeEveryBackupFindsNoneAndSaysSo() throws Exception {
    Run run = run(SNAPSHOTS, SnapshotChoice.asOf(Instant.parse("2026-11-29T06:59:58Z")), OverwritePolicy.OVERWRITE);

    assertThat(run.exitCode).isEqualTo(ResticRestoreCommand.NO_MATCHING_BACKUP_EXIT);
    assertThat(run.stderr).contains("no backup of /data/data with host shop and tag k8up-rwo was taken at or before");
    assertThat(run.stdout).isEmpty();
  }

  @Test
  void idIsMatchedByPrefixAmongTheClaimsBackupsOnly() throws Exception {
    Run unique = run(SNAPSHOTS, SnapshotChoice.id("bbbb2222"), OverwritePolicy.KEEP_EXISTING);
    assertThat(unique.stdout).startsWith("restore --json bbbb2222 --include /data/data --target / --overwrite never\n");

    Run ambiguous = run(SNAPSHOTS.replace("bbbb2222", "aaaa11112"), SnapshotChoice.id("aaaa1111"),
        OverwritePolicy.OVERWRITE);
    assertThat(ambiguous.exitCode).isEqualTo(ResticRestoreCommand.AMBIGUOUS_ID_EXIT);

    Run other = run(SNAPSHOTS, SnapshotChoice.id("cccc4444"), OverwritePolicy.OVERWRITE);
    assertThat(other.exitCode).isEqualTo(ResticRestoreCommand.NO_MATCHING_BACKUP_EXIT);
    assertThat(other.stderr).contains("has id cccc4444");
  }

  @Test
  void claimWithoutBackupsFailsWithItsOwnExitCode() throws Exception {
    Run run = run("[]", SnapshotChoice.latest(), OverwritePolicy.OVERWRITE);

    assertThat(run.exitCode).isEqualTo(ResticRestoreCommand.NO_BACKUP_EXIT);
    assertThat(run.stderr).contains("the repository holds no backup of /data/data with host shop");
  }

  @Test
  void listingThatFailsFailsTheRestoreBeforeAnythingIsRestored() throws Exception {
    Run run = run(null, SnapshotChoice.latest(), OverwritePolicy.OVERWRITE);

    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.stdout).isEmpty();
  }

  private String restoredAsOf(String time) throws Exception {
    Run run = run(SNAPSHOTS, SnapshotChoice.asOf(Instant.parse(time)), OverwritePolicy.OVERWRITE);
    assertThat(run.exitCode).as(run.stderr).isZero();
    return run.stdout.split(" ")[2];
  }

  private Run run(String snapshots, SnapshotChoice choice, OverwritePolicy overwrite) throws Exception {
    return run(snapshots, choice, overwrite, true);
  }

  /**
   * Runs the command line with a stand-in restic that lists {@code snapshots} (fails if null) and,
   * with {@code summary}, ends a restore with restic's JSON summary.
   */
  private Run run(String snapshots, SnapshotChoice choice, OverwritePolicy overwrite, boolean summary)
      throws Exception {
    Path listing = bin.resolve("snapshots.json");
    Files.writeString(listing, snapshots == null ? "" : snapshots);
    Path restic = bin.resolve("restic");
    Files.writeString(restic, "#!/bin/sh\n"
        + "case $1 in snapshots) " + (snapshots == null ? "echo 'Fatal: wrong password' >&2; exit 1" : "cat '" + listing + "'")
        + " ;; *) echo \"$*\"; " + (summary ? "echo '{\"message_type\":\"status\",\"percent_done\":1}'; echo '"
            + SUMMARY + "'" : ":") + " ;; esac\n");
    Files.setPosixFilePermissions(restic, PosixFilePermissions.fromString("rwx------"));
    ImmutableList<String> line = ResticRestoreCommand.commandLine("shop", "data", choice, overwrite);
    assertThat(line.get(0)).isEqualTo("sh");
    List<String> command = new ArrayList<>(line);
    command.set(0, "/bin/sh");
    Path report = bin.resolve("termination-log");
    command.set(command.indexOf(ResticRestoreCommand.TERMINATION_MESSAGE_PATH), report.toString());
    ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.environment().clear();
    builder.environment().put("PATH", bin + ":/usr/bin:/bin");
    Process process = builder.start();
    byte[] out = process.getInputStream().readAllBytes();
    byte[] err = process.getErrorStream().readAllBytes();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8),
        Files.exists(report) ? Files.readString(report) : "");
  }

  private record Run(int exitCode, String stdout, String stderr, String report) {}
}
