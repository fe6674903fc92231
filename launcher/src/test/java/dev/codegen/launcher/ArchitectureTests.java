package dev.codegen.launcher;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTests {

  private static final JavaClasses LAUNCHER =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.codegen.launcher");

  @Test
  void keepsTheBrokerAndTheDatabaseFreeOfServicesAndSpring() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.codegen.launcher.kafka..", "dev.codegen.launcher.postgres..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.codegen.gateway..",
            "dev.codegen.worker..",
            "dev.codegen.plugin..",
            "org.springframework..")
        .check(LAUNCHER);
  }

  @Test
  void reachesServicesOnlyThroughTheirApplicationClasses() {
    noClasses()
        .that()
        .resideInAPackage("dev.codegen.launcher..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.codegen.gateway.(*)..", "dev.codegen.worker.(*)..", "dev.codegen.plugin.(*)..")
        .check(LAUNCHER);
  }
}
