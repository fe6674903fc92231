package dev.codegen.worker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTests {

  private static final JavaClasses WORKER =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.codegen.worker");

  @Test
  void generationAndGatesAreFreeOfSpringKafkaAndTheSdk() {
    noClasses()
        .that()
        .resideInAnyPackage("..worker.generation..", "..worker.tokens..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..", "org.apache.kafka..", "com.openai..", "io.micrometer..")
        .check(WORKER);
  }

  @Test
  void gatesDependOnTheContractsAndTheirRuleFilesOnly() {
    // Findings and languages are the shared contract; Jackson reads the rule files. No Spring,
    // Kafka or model SDK: the gates are plain functions over text.
    noClasses()
        .that()
        .resideInAPackage("..generation.gate..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages(
            "java..",
            "dev.codegen.worker.generation.gate..",
            "dev.codegen.model..",
            "tools.jackson..",
            "org.tribuo..")
        .check(WORKER);
  }

  @Test
  void sdkTypesStayInTheOpenaiPackage() {
    noClasses()
        .that()
        .resideOutsideOfPackage("..worker.openai..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.openai..", "com.fasterxml.jackson.databind..")
        .check(WORKER);
  }

  @Test
  void adaptersDoNotDependOnEachOther() {
    noClasses()
        .that()
        .resideInAnyPackage("..worker.openai..", "..worker.offline..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("..worker.kafka..", "org.apache.kafka..")
        .check(WORKER);
  }

  @Test
  void workerNeverReachesIntoOtherServices() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.codegen.gateway..", "dev.codegen.plugin..", "dev.codegen.launcher..")
        .check(WORKER);
  }
}
