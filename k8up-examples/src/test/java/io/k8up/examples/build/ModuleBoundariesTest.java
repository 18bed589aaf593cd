package io.k8up.examples.build;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.k8up.core.testing.PublicSignatures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The boundaries between modules, enforced where every module is on the class path: only
 * k8up-core reaches into k8up-core's internals, no strategy module into another, and no module's
 * API exposes its internals. The main code of every module is checked, not tests.
 */
class ModuleBoundariesTest {

  private static JavaClasses modules;

  @BeforeAll
  static void importModules() {
    modules = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        // The core's test-jar, which a reactor build puts on the class path as a jar.
        .withImportOption(location -> !location.contains("-tests.jar"))
        .importPackages("io.k8up");
  }

  @Test
  void onlyTheCoreDependsOnTheCoresInternals() {
    noClasses().that().resideOutsideOfPackage("io.k8up.core..")
        .should().dependOnClassesThat().resideInAPackage("io.k8up.core..internal..")
        .check(modules);
  }

  @Test
  void strategyModulesDependOnNoOtherStrategyModule() {
    slices().matching("io.k8up.strategy.(*)..").should().notDependOnEachOther().check(modules);
  }

  @Test
  void theExamplePlugInDependsOnNoStrategyModule() {
    noClasses().that().resideInAPackage("io.k8up.examples.plugin..")
        .should().dependOnClassesThat().resideInAPackage("io.k8up.strategy..")
        .check(modules);
  }

  @Test
  void publicTypesOutsideInternalPackagesExposeNoInternalType() {
    classes().that().arePublic().and().resideOutsideOfPackage("..internal..")
        .and().resideOutsideOfPackage("io.k8up.core..")
        .should(PublicSignatures.exposeNoInternalType())
        .check(modules);
  }
}
