package io.k8up.core.spi.support;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import io.k8up.core.restore.OverwritePolicy;
import io.k8up.core.restore.SnapshotChoice;
import io.k8up.core.spi.BackupToolSpec;
import java.time.Instant;

/**
 * The command line of a restore: a short POSIX {@code sh} script, run in the restic image, that
 * lists the claim's backups with restic's own filters (the namespace as {@code --host}, the claim's
 * mount path {@code /data/<claim>} as {@code --path}, the tag {@value #TAG}, as {@link
 * BackupToolSpec#restic} records them), picks the one asked for, and runs {@code restic restore}
 * of that snapshot's {@code /data/<claim>} onto {@code /}, where the target claim is mounted at the
 * same path. Only restic and shell built-ins run: no {@code jq}, {@code date} or other tool.
 *
 * <ul>
 *   <li>latest: after checking that the claim has a backup at all, {@code restic restore latest}
 *       with the same filters, so restic itself picks it;
 *   <li>a snapshot id: the only listed backup whose id starts with it; an id of another claim's
 *       backup is refused rather than restored (restic ignores filters for an explicit id);
 *   <li>as of a time: restic has no time filter, so the script reads each listed backup's {@code
 *       time} (RFC 3339, any offset) as seconds and nanoseconds since 1970 in shell arithmetic and
 *       picks the latest at or before the time.
 * </ul>
 *
 * <p>Repository and password come from the tool's environment (the Secret {@link
 * BackupToolSpec#envFromSecrets()} names): the executor never reads them. Files under the claim that
 * the backup does not hold are never deleted (no {@code --delete}).
 */
public final class ResticRestoreCommand {

  /** The tag every backup of the default tool carries, and restores look for. */
  public static final String TAG = "k8up-rwo";

  /**
   * Where the restore container writes what it restored, as JSON: {@code {"snapshot":"<id>"}}, with
   * restic's {@code "summary"} of files and bytes when restic gives one (0.17 and later). Kubernetes
   * makes it the container's termination message, which the executor reads from the pod's status.
   */
  public static final String TERMINATION_MESSAGE_PATH = "/dev/termination-log";

  /** The script's exit code when the repository holds no backup of the claim at all. */
  public static final int NO_BACKUP_EXIT = 3;

  /** The script's exit code when the claim has backups, but none with the id or at or before the time. */
  public static final int NO_MATCHING_BACKUP_EXIT = 4;

  /** The script's exit code when several of the claim's backups have ids that start with the one given. */
  public static final int AMBIGUOUS_ID_EXIT = 5;

  // $1 host, $2 path, $3 tag, $4 latest|id|asof, $5 the id prefix or "seconds.nanoseconds", $6 the
  // termination message file; then restic restore's own arguments. Quoted parts of a pattern are
  // literal, so JSON text matches as is.
  private static final String SCRIPT = String.join("\n",
      "set -u",
      "host=$1 path=$2 tag=$3 choice=$4 value=$5 report=$6",
      "shift 6",
      "list=$(restic snapshots --json --host \"$host\" --path \"$path\" --tag \"$tag\") || exit 1",
      "strip() { v=$1; while [ \"${#v}\" -gt 1 ] && [ \"${v#0}\" != \"$v\" ]; do v=${v#0}; done; }",
      "epoch() {",
      "  t=$1; y=${t%%-*}; t=${t#*-}; mo=${t%%-*}; t=${t#*-}; d=${t%%T*}; t=${t#*T}",
      "  h=${t%%:*}; t=${t#*:}; mi=${t%%:*}; t=${t#*:}; se=${t%%[.Z+-]*}; t=${t#\"$se\"}; n=0",
      "  case $t in .*) t=${t#.}; f=${t%%[Z+-]*}; t=${t#\"$f\"}; f=${f}000000000",
      "    f=${f%\"${f#?????????}\"}; strip \"$f\"; n=$v ;; esac",
      "  off=0",
      "  case $t in [+-]*) oh=${t#?}; om=${oh#*:}; oh=${oh%%:*}; strip \"$oh\"; oh=$v; strip \"$om\"",
      "    off=$(( (oh * 60 + v) * 60 )); case $t in -*) off=$((0 - off)) ;; esac ;; esac",
      "  strip \"$mo\"; mo=$v; strip \"$d\"; d=$v; strip \"$h\"; h=$v; strip \"$mi\"; mi=$v; strip \"$se\"; se=$v",
      "  y=$((y - (mo <= 2))); era=$((y / 400)); yoe=$((y - era * 400))",
      "  doe=$((yoe * 365 + yoe / 4 - yoe / 100 + (153 * ((mo + 9) % 12) + 2) / 5 + d - 1))",
      "  s=$(( (era * 146097 + doe - 719468) * 86400 + h * 3600 + mi * 60 + se - off ))",
      "}",
      "say() { printf 'k8up-rwo: %s\\n' \"$1\" >&2; }",
      "what=\"backup of $path with host $host and tag $tag\"",
      "case $list in *'{\"time\":\"'*) ;; *) say \"the repository holds no $what\"; exit " + NO_BACKUP_EXIT + " ;; esac",
      "as=${value%.*} an=${value#*.} best= bs=0 bn=0 matches=0 rest=$list",
      "while :; do",
      "  case $rest in *'{\"time\":\"'*) ;; *) break ;; esac",
      "  rest=${rest#*'{\"time\":\"'}; time=${rest%%'\"'*}; snap=${rest%%'{\"time\":\"'*}",
      "  id=${snap#*'\"id\":\"'}; id=${id%%'\"'*}",
      "  if [ \"$choice\" = id ]; then",
      "    case $id in \"$value\"*) matches=$((matches + 1)); best=$id ;; esac",
      "    continue",
      "  fi",
      "  epoch \"$time\"",
      "  if [ \"$choice\" = latest ] || [ \"$s\" -lt \"$as\" ] || { [ \"$s\" -eq \"$as\" ] && [ \"$n\" -le \"$an\" ]; }; then",
      "    if [ -z \"$best\" ] || [ \"$s\" -gt \"$bs\" ] || { [ \"$s\" -eq \"$bs\" ] && [ \"$n\" -gt \"$bn\" ]; }; then",
      "      best=$id bs=$s bn=$n",
      "    fi",
      "  fi",
      "done",
      "if [ \"$matches\" -gt 1 ]; then say \"$matches backups have ids starting with $value; give more of the id\"; "
          + "exit " + AMBIGUOUS_ID_EXIT + "; fi",
      "if [ -z \"$best\" ]; then",
      "  if [ \"$choice\" = id ]; then say \"no $what has id $value\"; else say \"no $what was taken at or before"
          + " the time asked for (seconds since 1970: $value)\"; fi",
      "  exit " + NO_MATCHING_BACKUP_EXIT,
      "fi",
      "say \"restoring backup $best\"",
      "out=$(restic restore --json \"$best\" \"$@\") || { code=$?; printf '%s\\n' \"$out\"; exit \"$code\"; }",
      "printf '%s\\n' \"$out\"",
      // restic's one-line JSON summary (0.17 and later), without its progress lines, for the executor.
      "sum=",
      "case $out in *'{\"message_type\":\"summary\"'*) sum=${out##*'{\"message_type\":\"summary\"'}; sum=${sum%%'}'*}",
      "  sum=\",\\\"summary\\\":{\\\"message_type\\\":\\\"summary\\\"$sum}\" ;; esac",
      "printf '{\"snapshot\":\"%s\"%s}' \"$best\" \"$sum\" > \"$report\" || say \"cannot write $report\"",
      "");

  private ResticRestoreCommand() {}

  /**
   * The command line that restores {@code choice} of the backups of claim {@code sourceClaim} of
   * {@code namespace}, into whatever claim is mounted at {@code /data/<sourceClaim>}, with {@code
   * overwrite}'s treatment of files already there. {@link OverwritePolicy#KEEP_EXISTING} needs
   * restic 0.17 or later; {@link OverwritePolicy#OVERWRITE} is restic's default and adds nothing.
   */
  public static ImmutableList<String> commandLine(
      String namespace, String sourceClaim, SnapshotChoice choice, OverwritePolicy overwrite) {
    checkNotNull(namespace, "namespace");
    checkNotNull(choice, "choice");
    checkNotNull(overwrite, "overwrite");
    String path = BackupToolSpec.mountPath(sourceClaim);
    ImmutableList.Builder<String> line = ImmutableList.<String>builder()
        .add("sh", "-c", SCRIPT, "k8up-rwo-restore", namespace, path, TAG)
        .add(kind(choice), value(choice), TERMINATION_MESSAGE_PATH)
        // restic recreates each backed-up path under the target; /data/<claim> is the mount itself.
        .add("--include", path, "--target", "/");
    if (overwrite == OverwritePolicy.KEEP_EXISTING) {
      line.add("--overwrite", "never");
    }
    return line.build();
  }

  private static String kind(SnapshotChoice choice) {
    switch (choice.kind()) {
      case ID:
        return "id";
      case AS_OF:
        return "asof";
      default:
        return "latest";
    }
  }

  private static String value(SnapshotChoice choice) {
    if (choice.snapshotId().isPresent()) {
      return choice.snapshotId().get();
    }
    Instant time = choice.asOf().orElse(Instant.EPOCH);
    return time.getEpochSecond() + "." + time.getNano();
  }
}
