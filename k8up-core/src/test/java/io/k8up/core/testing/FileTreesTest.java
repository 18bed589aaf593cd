package io.k8up.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comparison finds each kind of difference and names it; generated trees are deterministic. */
class FileTreesTest {

  @TempDir
  Path work;

  private Path expected;
  private Path actual;

  @BeforeEach
  void generateTwoEqualTrees() throws IOException {
    expected = GeneratedFiles.write(Files.createDirectory(work.resolve("expected")), 7);
    actual = GeneratedFiles.write(Files.createDirectory(work.resolve("actual")), 7);
  }

  @Test
  void sameSeedGivesTheSameTreeWithEveryKindOfEntry() throws IOException {
    assertThat(FileTrees.firstDifference(expected, actual)).isEmpty();
    FileTrees.assertSameFiles(expected, actual);
    assertThat(Files.size(expected.resolve("large.bin"))).isEqualTo(GeneratedFiles.LARGE_FILE_BYTES);
    assertThat(Files.size(expected.resolve("empty"))).isZero();
    assertThat(expected.resolve("empty folder")).isEmptyDirectory();
    assertThat(expected.resolve("a/b/c/d/deep.bin")).isRegularFile();
    assertThat(expected.resolve("dir ünïcödé 文件 ✓.txt/ünïcödé 文件 ✓.txt")).isRegularFile();
  }

  @Test
  void anotherSeedGivesTheSameNamesWithOtherContents() throws IOException {
    Path other = GeneratedFiles.write(Files.createDirectory(work.resolve("other")), 8);

    assertThat(FileTrees.firstDifference(expected, other))
        .hasValueSatisfying(difference -> assertThat(difference).startsWith("content of '"));
  }

  @Test
  void missingFileIsNamed() throws IOException {
    Files.delete(actual.resolve("a/b/c/d/deep.bin"));

    assertThat(FileTrees.firstDifference(expected, actual)).hasValue("missing file 'a/b/c/d/deep.bin'");
  }

  @Test
  void extraFileIsNamed() throws IOException {
    Files.writeString(actual.resolve("empty folder/new"), "x");

    assertThat(FileTrees.firstDifference(expected, actual)).hasValue("extra file 'empty folder/new'");
  }

  @Test
  void changedByteIsFoundWhereItIs() throws IOException {
    byte[] large = Files.readAllBytes(actual.resolve("large.bin"));
    large[2_000_000] ^= 1;
    Files.write(actual.resolve("large.bin"), large);

    assertThat(FileTrees.firstDifference(expected, actual))
        .hasValue("content of 'large.bin' differs: first at byte 2000000 (sizes 3145728 and 3145728)");
  }

  @Test
  void folderInPlaceOfAFileIsNamed() throws IOException {
    Files.delete(actual.resolve("empty"));
    Files.createDirectory(actual.resolve("empty"));

    assertThat(FileTrees.firstDifference(expected, actual)).hasValue("'empty' should be a file, is a directory");
  }

  @Test
  void assertionNamesBothTreesAndTheDifference() {
    Path empty = work.resolve("nothing");

    assertThatThrownBy(() -> FileTrees.assertSameFiles(expected, empty))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(empty + " is not a directory");
  }
}
