package io.k8up.core.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The restic binary of this machine, which the end-to-end tests run for real. A missing restic
 * fails the test, never skips it: a backup test that skips proves nothing.
 */
public final class Restic {

  /** What to do when restic is missing. */
  static final String INSTALL_HINT = "the end-to-end backup tests need restic (0.14 or later) on PATH: "
      + "run the README's test command, ./test.sh, which installs it, or install it with `apt-get install restic`"
      + " (Debian, Ubuntu) or as https://restic.readthedocs.io/en/stable/020_installation.html says, then run the"
      + " tests again";

  private final Path binary;

  private Restic(Path binary) {
    this.binary = binary;
  }

  /**
   * The {@code restic} found first on {@code PATH}.
   *
   * @throws AssertionError if there is none, with how to install it
   */
  public static Restic locate() {
    return new Restic(onPath(System.getenv("PATH")).orElseThrow(() -> new AssertionError(
        "restic not found on PATH=" + System.getenv("PATH") + ": " + INSTALL_HINT)));
  }

  /** The first executable {@code restic} in the directories of {@code path}. */
  static Optional<Path> onPath(String path) {
    if (path == null) {
      return Optional.empty();
    }
    for (String directory : path.split(Pattern.quote(File.pathSeparator))) {
      if (directory.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(directory, "restic");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The binary's absolute path. */
  public Path binary() {
    return binary;
  }
}
