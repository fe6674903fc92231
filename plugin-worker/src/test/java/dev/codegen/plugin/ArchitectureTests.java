package dev.codegen.plugin;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTests {

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.codegen.plugin");

  private static final String[] PLUGIN_AND_PIPELINE_CORE = {
    "dev.codegen.plugin.pipeline..",
    "dev.codegen.plugin.extract..",
    "dev.codegen.plugin.javaformat..",
    "dev.codegen.plugin.javac..",
    "dev.codegen.plugin.syntax..",
    "dev.codegen.plugin.security..",
    "dev.codegen.plugin.tests.."
  };

  @Test
  void pluginsAndThePipelineCoreAreFreeOfSpringKafkaAndMetrics() {
    noClasses()
        .that()
        .resideInAnyPackage(PLUGIN_AND_PIPELINE_CORE)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..", "org.apache.kafka..", "io.micrometer..", "tools.jackson..")
        .check(CLASSES);
  }

  @Test
  void pluginsDoNotDependOnTheStageAdapter() {
    noClasses()
        .that()
        .resideInAnyPackage(PLUGIN_AND_PIPELINE_CORE)
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.codegen.plugin.kafka..")
        .check(CLASSES);
  }

  @Test
  void pluginsDoNotDependOnEachOther() {
    String[] plugins = {"extract", "javaformat", "javac", "syntax", "security", "tests"};
    for (String plugin : plugins) {
      for (String other : plugins) {
        if (!plugin.equals(other)) {
          noClasses()
              .that()
              .resideInAPackage("dev.codegen.plugin." + plugin + "..")
              .should()
              .dependOnClassesThat()
              .resideInAPackage("dev.codegen.plugin." + other + "..")
              .check(CLASSES);
        }
      }
    }
  }

  @Test
  void dependsOnNoOtherService() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.codegen.gateway..", "dev.codegen.worker..", "dev.codegen.launcher..")
        .check(CLASSES);
  }
}
