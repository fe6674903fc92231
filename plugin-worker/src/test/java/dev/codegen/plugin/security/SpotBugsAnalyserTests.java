package dev.codegen.plugin.security;

import static dev.codegen.plugin.security.BanditAnalyserTests.byRule;
import static dev.codegen.plugin.security.SecurityFixtures.artifact;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codegen.model.Finding;
import dev.codegen.model.Language;
import dev.codegen.model.Severity;
import dev.codegen.plugin.pipeline.Artifact;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SpotBugsAnalyserTests {

  private final SpotBugsAnalyser spotbugs = new SpotBugsAnalyser(Duration.ofSeconds(60));

  @Test
  void findsCommandAndSqlInjectionAndDeserialisationInBytecode() {
    AnalyserRun run = spotbugs.analyse(artifact(Language.JAVA, "Insecure.java"));

    assertThat(run.status()).as(run.detail()).isEqualTo(AnalyserRun.Status.RAN);
    Finding command = byRule(run, "spotbugs.COMMAND_INJECTION");
    assertThat(command.cwe()).isEqualTo("CWE-78");
    assertThat(command.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(command.line()).isEqualTo(11);
    assertThat(command.evidence()).isEqualTo("return Runtime.getRuntime().exec(\"cat \" + file);");
    assertThat(byRule(run, "spotbugs.SQL_INJECTION_JDBC").cwe()).isEqualTo("CWE-89");
    assertThat(byRule(run, "spotbugs.OBJECT_DESERIALIZATION").severity()).isEqualTo(Severity.HIGH);
    assertThat(run.findings()).allMatch(f -> f.gate().equals("output.analysers"));
  }

  @Test
  void findsNothingInSafeCode() {
    AnalyserRun run = spotbugs.analyse(artifact(Language.JAVA, "Safe.java"));

    assertThat(run.status()).as(run.detail()).isEqualTo(AnalyserRun.Status.RAN);
    assertThat(run.findings()).isEmpty();
  }

  @Test
  void skipsCodeThatDoesNotCompileAgainstTheJdk() {
    AnalyserRun run =
        spotbugs.analyse(
            new Artifact("j", Language.JAVA, "import org.springframework.X;\nclass A { X x; }\n"));

    assertThat(run.status()).isEqualTo(AnalyserRun.Status.SKIPPED);
    assertThat(run.detail()).startsWith("the code does not compile against the JDK alone: line 1");
  }
}
