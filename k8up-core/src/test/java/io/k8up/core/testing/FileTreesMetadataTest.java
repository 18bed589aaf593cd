package io.k8up.core.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metadata comparison sees modes, times and symlink targets; generated metadata is deterministic. */
class FileTreesMetadataTest {

  @TempDir
  Path work;

  private Path expected;
  private Path actual;

  @BeforeEach
  void generateTwoEqualTrees() throws IOException {
    expected = GeneratedFiles.writeWithMetadata(Files.createDirectory(work.resolve("expected")), 3);
    actual = GeneratedFiles.writeWithMetadata(Files.createDirectory(work.resolve("actual")), 3);
  }

  @Test
  void sameSeedGivesTheSameMetadata() {
    FileTrees.assertSameFilesAndMetadata(expected, actual);
  }

  @Test
  void otherPermissionBitsAreNamed() throws IOException {
    Files.setPosixFilePermissions(actual.resolve("large.bin"), PosixFilePermissions.fromString("rw-rw-rw-"));

    assertThatThrownBy(() -> FileTrees.assertSameFilesAndMetadata(expected, actual))
        .hasMessageContaining("'large.bin' has permissions");
  }

  @Test
  void otherModificationTimeIsNamedToTheNanosecond() throws IOException {
    Path deep = actual.resolve("a/b/c/d/deep.bin");
    Files.setLastModifiedTime(deep, FileTime.from(Files.getLastModifiedTime(deep).toInstant().plusNanos(1)));

    assertThatThrownBy(() -> FileTrees.assertSameFilesAndMetadata(expected, actual))
        .hasMessageContaining("'a/b/c/d/deep.bin' was modified at");
  }

  @Test
  void symlinkToAnotherTargetIsNamed() throws IOException {
    Files.delete(actual.resolve("link to deep"));
    Files.createSymbolicLink(actual.resolve("link to deep"), Path.of("README.txt"));

    assertThatThrownBy(() -> FileTrees.assertSameFilesAndMetadata(expected, actual))
        .hasMessageContaining("'link to deep' links to README.txt");
  }
}
