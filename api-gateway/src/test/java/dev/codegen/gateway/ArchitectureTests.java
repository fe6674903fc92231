package dev.codegen.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTests {

  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.codegen");

  @Test
  void dependsOnNoOtherService() {
    noClasses()
        .that()
        .resideInAPackage("dev.codegen.gateway..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.codegen.worker..", "dev.codegen.plugin..", "dev.codegen.launcher..")
        .check(classes);
  }

  @Test
  void featurePackagesHaveNoCycles() {
    slices().matching("dev.codegen.gateway.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void validationAndCursorRulesStayFreeOfSpringKafkaAndJdbc() {
    noClasses()
        .that()
        .haveSimpleNameEndingWith("Rules")
        .or()
        .haveSimpleName("RequestText")
        .or()
        .haveSimpleName("HistoryCursor")
        .or()
        .haveSimpleName("DatabaseUrl")
        .or()
        .haveSimpleName("JobAudit")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework..", "org.apache.kafka..", "java.sql..")
        .check(classes);
  }

  @Test
  void onlyMessagingAdaptersTouchKafka() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.codegen.gateway.job..",
            "dev.codegen.gateway.history..",
            "dev.codegen.gateway.problem..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.apache.kafka..")
        .check(classes);
  }

  @Test
  void sharedModelStaysFreeOfSpringAndKafka() {
    noClasses()
        .that()
        .resideInAPackage("dev.codegen.model..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework..", "org.apache.kafka..")
        .check(classes);
  }
}
