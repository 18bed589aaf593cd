package io.k8up.core;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.k8up.core.testing.PublicSignatures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package boundaries of k8up-core, enforced: the model knows nothing but itself, planning
 * knows nothing of running, and the SPI that strategies build on imports neither the executor nor
 * the sinks. Rules across modules are in k8up-examples' {@code ModuleBoundariesTest}.
 */
class ArchitectureTest {

  private static final String[] EXECUTION = {
      "io.k8up.core.run..", "io.k8up.core.internal.run..", "io.k8up.core.kube..", "io.k8up.core.sink.."};

  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.k8up.core");
  }

  @Test
  void modelDependsOnNoKubernetesClientAndNothingOfOursButItself() {
    classes().that().resideInAPackage("io.k8up.core.model..")
        .should().onlyDependOnClassesThat(not(resideInAPackage("io.kubernetes.."))
            .and(resideOutsideOfPackage("io.k8up..").or(resideInAPackage("io.k8up.core.model.."))))
        .check(core);
  }

  @Test
  void planningDependsOnNoExecutionNorSink() {
    noClasses().that().resideInAnyPackage("io.k8up.core.plan..", "io.k8up.core.internal.plan..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.k8up.core.run..", "io.k8up.core.internal.run..", "io.k8up.core.sink..")
        .check(core);
  }

  @Test
  void spiAndItsSupportDependOnNoExecutionNorSink() {
    noClasses().that().resideInAPackage("io.k8up.core.spi..")
        .should().dependOnClassesThat().resideInAnyPackage(EXECUTION)
        .check(core);
  }

  @Test
  void publicTypesOutsideInternalPackagesExposeNoInternalType() {
    classes().that().arePublic().and().resideOutsideOfPackage("..internal..")
        .should(PublicSignatures.exposeNoInternalType())
        .check(core);
  }
}
