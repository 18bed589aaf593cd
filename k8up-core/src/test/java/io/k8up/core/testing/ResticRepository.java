package io.k8up.core.testing;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.gson.Gson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A restic repository in a local directory: what a backup's repository Secret points to, and how a
 * test reads the backups back. It reads restic's JSON, never its screen output.
 *
 * <p>Every call opens the repository, which derives its key: about a second with restic's default
 * key parameters, more for {@link #init}. Share one repository per test class.
 *
 * <p>The test's own calls run with {@code --no-cache} and a {@code HOME} of their own, so nothing
 * is written outside the repository's directory.
 */
public final class ResticRepository {

  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private final Restic restic;
  private final Path repository;
  private final Path home;
  private final String password;

  private ResticRepository(Restic restic, Path repository, Path home, String password) {
    this.restic = restic;
    this.repository = repository;
    this.home = home;
    this.password = password;
  }

  /**
   * Creates a repository with {@code password} under {@code directory}, which must exist.
   *
   * @throws AssertionError if restic is missing or fails
   */
  public static ResticRepository init(Path directory, String password) {
    Restic restic = Restic.locate();
    try {
      Path home = Files.createDirectory(directory.resolve("restic-home"));
      ResticRepository created =
          new ResticRepository(restic, directory.resolve("repository"), home, password);
      created.restic(List.of("init"));
      return created;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code RESTIC_REPOSITORY} and {@code RESTIC_PASSWORD}: what a repository Secret holds. */
  public ImmutableMap<String, String> secretData() {
    return secretData(password);
  }

  /** {@link #secretData()}, but with another password: a Secret that cannot open the repository. */
  public ImmutableMap<String, String> secretData(String otherPassword) {
    return ImmutableMap.of("RESTIC_REPOSITORY", repository.toString(), "RESTIC_PASSWORD", otherPassword);
  }

  /** Every snapshot in the repository, oldest first ({@code restic snapshots --json}). */
  public ImmutableList<ResticSnapshot> snapshots() {
    String json = restic(List.of("snapshots", "--json")).stdout();
    return ImmutableList.copyOf(new Gson().fromJson(json, ResticSnapshot[].class));
  }

  /**
   * Restores {@code snapshot} into {@code target}, which must not exist yet. restic recreates each
   * backed-up path under it: {@code /data/x} at {@code <target>/data/x}.
   *
   * @return {@code target}
   */
  public Path restore(ResticSnapshot snapshot, Path target) {
    if (Files.exists(target)) {
      throw new IllegalArgumentException(target + " exists: restore into a fresh directory");
    }
    restic(List.of("restore", snapshot.id(), "--target", target.toString()));
    return target;
  }

  /**
   * Restores {@code snapshot} into {@code target}, which must not exist yet, and passes if the
   * snapshot backed up exactly the paths that are the keys of {@code expected}, each restored with
   * the same folders and files, byte for byte, as the directory it maps to.
   *
   * @throws AssertionError naming the first difference
   */
  public void assertRestoresExactly(ResticSnapshot snapshot, Map<String, Path> expected, Path target) {
    if (!Set.copyOf(snapshot.paths()).equals(expected.keySet())) {
      throw new AssertionError("snapshot " + snapshot.shortId() + " backed up " + snapshot.paths()
          + ", not " + expected.keySet());
    }
    restore(snapshot, target);
    expected.forEach((path, files) -> FileTrees.assertSameFiles(files, restoredPath(target, path)));
  }

  /** Where a path the snapshot backed up is, once restored into {@code target}. */
  private static Path restoredPath(Path target, String snapshotPath) {
    if (!snapshotPath.startsWith("/")) {
      throw new IllegalArgumentException("restic records absolute paths, not " + snapshotPath);
    }
    return target.resolve(snapshotPath.substring(1));
  }

  private ProcessResult restic(List<String> arguments) {
    List<String> commandLine = new ArrayList<>(List.of(restic.binary().toString(), "--no-cache"));
    commandLine.addAll(arguments);
    ImmutableMap<String, String> env = ImmutableMap.<String, String>builder()
        .putAll(secretData())
        .put("HOME", home.toString())
        .build();
    try {
      ProcessResult result = HostProcesses.run(commandLine, env, home, TIMEOUT);
      if (!result.succeeded()) {
        throw new AssertionError("restic " + arguments + " failed: " + result.describe());
      }
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running restic " + arguments, e);
    }
  }
}
