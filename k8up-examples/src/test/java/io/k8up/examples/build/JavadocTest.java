package io.k8up.examples.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The published API documentation leaves the internal packages out and describes every public
 * package of k8up-core. (The documentation itself is built by hand: {@code mvn -q compile
 * javadoc:javadoc}.)
 */
class JavadocTest {

  private static final Path ROOT = Path.of("..");
  private static final Path CORE = ROOT.resolve("k8up-core/src/main/java/io/k8up/core");

  @Test
  void internalPackagesAreLeftOut() throws IOException {
    assertThat(Files.readString(ROOT.resolve("pom.xml")))
        .contains("<excludePackageNames>*.internal:*.internal.*</excludePackageNames>");
  }

  @Test
  void everyPublicPackageOfCoreIsDescribed() throws IOException {
    try (var packages = Files.list(CORE)) {
      assertThat(packages.filter(Files::isDirectory).filter(dir -> !dir.endsWith("internal")))
          .isNotEmpty()
          .allSatisfy(dir -> assertThat(dir.resolve("package-info.java")).exists());
    }
    assertThat(CORE.resolve("package-info.java")).exists();
  }
}
