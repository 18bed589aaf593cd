package io.k8up.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * A deterministic tree of files to back up: nested folders, one larger file, names that trip up
 * shells and path handling, an empty file and an empty folder. The same seed gives the same
 * bytes; another seed the same names with other contents, so a backup of the wrong claim shows.
 */
public final class GeneratedFiles {

  /** The size of the larger file: big enough for restic to split it into several chunks. */
  public static final int LARGE_FILE_BYTES = 3 * 1024 * 1024;

  /** Names a careless command line or path rewrite would break. */
  private static final List<String> ODD_NAMES = List.of(
      "with space.txt",
      "-leading-dash",
      "--help",
      "quote's \"double\".txt",
      "ünïcödé 文件 ✓.txt",
      "$(HOME) and $PATH",
      "back\\slash",
      "star*question?",
      "semi;colon&amp",
      ".hidden");

  private GeneratedFiles() {}

  /**
   * Fills {@code directory}, which must exist, with the tree for {@code seed}.
   *
   * @return {@code directory}
   */
  public static Path write(Path directory, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    try {
      Files.write(directory.resolve("README.txt"), ("files of seed " + seed + "\n").getBytes(StandardCharsets.UTF_8));
      Files.write(directory.resolve("large.bin"), bytes(random, LARGE_FILE_BYTES));
      Files.write(directory.resolve("empty"), new byte[0]);
      Files.createDirectories(directory.resolve("empty folder"));
      Path deep = Files.createDirectories(directory.resolve("a/b/c/d"));
      Files.write(deep.resolve("deep.bin"), bytes(random, 10_000));
      for (String name : ODD_NAMES) {
        Files.write(directory.resolve(name), bytes(random, 1 + random.nextInt(2_000)));
        Path folder = Files.createDirectories(directory.resolve("dir " + name));
        Files.write(folder.resolve(name), bytes(random, 1 + random.nextInt(2_000)));
      }
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@link #write} for {@code seed}, plus what a restore must bring back besides bytes: a symlink
   * (relative, to a file deeper down) and a dangling one, distinct permission bits on files and
   * folders, and a distinct modification time with nanoseconds on every entry but the symlinks and
   * {@code directory} itself. The same seed gives the same times.
   *
   * @return {@code directory}
   */
  public static Path writeWithMetadata(Path directory, long seed) {
    write(directory, seed);
    try {
      Files.createSymbolicLink(directory.resolve("link to deep"), Path.of("a/b/c/d/deep.bin"));
      Files.createSymbolicLink(directory.resolve("dangling link"), Path.of("no such file"));
      Files.setPosixFilePermissions(directory.resolve("README.txt"), PosixFilePermissions.fromString("rw-------"));
      Files.setPosixFilePermissions(directory.resolve("large.bin"), PosixFilePermissions.fromString("rw-r-----"));
      Files.setPosixFilePermissions(directory.resolve("-leading-dash"), PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.setPosixFilePermissions(directory.resolve("empty"), PosixFilePermissions.fromString("r--r--r--"));
      Files.setPosixFilePermissions(directory.resolve("a/b"), PosixFilePermissions.fromString("rwxr-x---"));
      List<Path> entries;
      try (Stream<Path> walk = Files.walk(directory)) {
        entries = new ArrayList<>(walk.filter(path -> !path.equals(directory) && !Files.isSymbolicLink(path)).sorted()
            .toList());
      }
      Instant start = Instant.parse("2020-01-01T00:00:00Z").plusSeconds(seed * 86_400);
      for (int i = 0; i < entries.size(); i++) {
        Files.setLastModifiedTime(entries.get(i), FileTime.from(start.plusSeconds(61L * i).plusNanos(123_456_789L + i)));
      }
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] bytes(SplittableRandom random, int size) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i += Long.BYTES) {
      long value = random.nextLong();
      for (int j = 0; j < Long.BYTES && i + j < size; j++) {
        bytes[i + j] = (byte) (value >>> (8 * j));
      }
    }
    return bytes;
  }
}
