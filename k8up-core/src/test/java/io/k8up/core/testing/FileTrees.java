package io.k8up.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Compares two trees of files byte for byte and names the first difference. */
public final class FileTrees {

  private enum Kind { DIRECTORY, FILE, OTHER }

  private FileTrees() {}

  /**
   * Passes if {@code actual} holds the same folders and files as {@code expected}, with the same
   * bytes; permissions, owners and times are not compared.
   *
   * @throws AssertionError naming the first difference, in the order of relative paths
   */
  public static void assertSameFiles(Path expected, Path actual) {
    firstDifference(expected, actual).ifPresent(difference -> {
      throw new AssertionError(actual + " differs from " + expected + ": " + difference);
    });
  }

  /**
   * The first difference between the trees, in the order of relative paths: a path missing from
   * {@code actual}, an extra one, one that is a folder on one side and a file on the other, or a
   * file whose content differs; empty if there is none.
   */
  public static Optional<String> firstDifference(Path expected, Path actual) {
    if (!Files.isDirectory(actual)) {
      return Optional.of(actual + " is not a directory");
    }
    TreeMap<String, Kind> expectedEntries = entries(expected);
    TreeMap<String, Kind> actualEntries = entries(actual);
    TreeMap<String, Kind> all = new TreeMap<>(expectedEntries);
    all.putAll(actualEntries);
    for (Map.Entry<String, Kind> entry : all.entrySet()) {
      String path = entry.getKey();
      Kind want = expectedEntries.get(path);
      Kind got = actualEntries.get(path);
      if (got == null) {
        return Optional.of("missing " + want.name().toLowerCase() + " '" + path + "'");
      }
      if (want == null) {
        return Optional.of("extra " + got.name().toLowerCase() + " '" + path + "'");
      }
      if (want != got) {
        return Optional.of("'" + path + "' should be a " + want.name().toLowerCase() + ", is a "
            + got.name().toLowerCase());
      }
      if (want == Kind.FILE) {
        Optional<String> content = contentDifference(expected.resolve(path), actual.resolve(path));
        if (content.isPresent()) {
          return Optional.of("content of '" + path + "' differs: " + content.get());
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Passes if {@code actual} holds what {@link #assertSameFiles} compares and, for every entry under
   * {@code expected} (not {@code expected} itself), the same permission bits and modification time
   * to the nanosecond, or for a symlink the same target (a symlink's own time is not compared).
   *
   * @throws AssertionError naming the first difference, in the order of relative paths
   */
  public static void assertSameFilesAndMetadata(Path expected, Path actual) {
    assertSameFiles(expected, actual);
    for (String path : entries(expected).keySet()) {
      firstMetadataDifference(expected.resolve(path), actual.resolve(path)).ifPresent(difference -> {
        throw new AssertionError(actual + " differs from " + expected + ": '" + path + "' " + difference);
      });
    }
  }

  private static Optional<String> firstMetadataDifference(Path expected, Path actual) {
    try {
      if (Files.isSymbolicLink(expected)) {
        if (!Files.isSymbolicLink(actual)) {
          return Optional.of("should be a symlink, is not");
        }
        Path want = Files.readSymbolicLink(expected);
        Path got = Files.readSymbolicLink(actual);
        return want.equals(got) ? Optional.empty() : Optional.of("links to " + got + ", not " + want);
      }
      PosixFileAttributes want = Files.readAttributes(expected, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      PosixFileAttributes got = Files.readAttributes(actual, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!want.permissions().equals(got.permissions())) {
        return Optional.of("has permissions " + got.permissions() + ", not " + want.permissions());
      }
      if (!want.lastModifiedTime().equals(got.lastModifiedTime())) {
        return Optional.of("was modified at " + got.lastModifiedTime() + ", not " + want.lastModifiedTime());
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Optional<String> contentDifference(Path expected, Path actual) {
    try {
      long mismatch = Files.mismatch(expected, actual);
      if (mismatch < 0) {
        return Optional.empty();
      }
      return Optional.of("first at byte " + mismatch + " (sizes " + Files.size(expected) + " and "
          + Files.size(actual) + ")");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static TreeMap<String, Kind> entries(Path root) {
    TreeMap<String, Kind> entries = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      paths.filter(path -> !path.equals(root)).forEach(path -> entries.put(root.relativize(path).toString(),
          Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? Kind.DIRECTORY
              : Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) ? Kind.FILE : Kind.OTHER));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return entries;
  }
}
