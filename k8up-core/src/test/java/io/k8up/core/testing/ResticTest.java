package io.k8up.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** restic is looked up on PATH; its absence says how to install it. */
class ResticTest {

  @TempDir
  Path work;

  @Test
  void firstExecutableResticOnPathIsFound() throws IOException {
    Path notExecutable = Files.createDirectory(work.resolve("a"));
    Files.createFile(notExecutable.resolve("restic"));
    Path bin = Files.createDirectory(work.resolve("b"));
    Path restic = Files.createFile(bin.resolve("restic"), PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rwxr-xr-x")));

    assertThat(Restic.onPath("/nonexistent::" + notExecutable + ":" + bin)).hasValue(restic);
    assertThat(Restic.onPath(notExecutable.toString())).isEmpty();
    assertThat(Restic.onPath(null)).isEmpty();
  }

  @Test
  void installHintSaysHowToInstallIt() {
    assertThat(Restic.INSTALL_HINT).contains("apt-get install restic");
  }
}
