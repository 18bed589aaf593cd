package io.k8up.core.restore;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Restore planning is planning: pure, on the model only. It depends on no execution, sink or SPI
 * code and on no client-java type; the restore pod's objects are built in the SPI's support.
 */
class RestoreArchitectureTest {

  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.k8up.core");
  }

  @Test
  void restorePlanningDependsOnNoExecutionSinkSpiNorClientJava() {
    noClasses().that().resideInAnyPackage("io.k8up.core.restore..", "io.k8up.core.internal.restore..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.k8up.core.run..", "io.k8up.core.internal.run..", "io.k8up.core.sink..", "io.k8up.core.spi..",
            "io.kubernetes..")
        .check(core);
  }
}
