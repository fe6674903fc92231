package dev.codegen.plugin.security;

import static dev.codegen.plugin.security.BanditAnalyserTests.byRule;
import static dev.codegen.plugin.security.SecurityFixtures.TOOLS;
import static dev.codegen.plugin.security.SecurityFixtures.artifact;
import static dev.codegen.plugin.security.SecurityFixtures.assumeInstalled;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codegen.model.Finding;
import dev.codegen.model.Language;
import dev.codegen.model.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Flawfinder and Cppcheck, the C and C++ analysers. */
class CAnalyserTests {

  private final FlawfinderAnalyser flawfinder = new FlawfinderAnalyser(TOOLS);
  private final CppcheckAnalyser cppcheck = new CppcheckAnalyser(TOOLS);

  @Test
  void flawfinderFindsUnboundedCopiesAndShellCalls() {
    assumeInstalled("flawfinder");

    AnalyserRun run = flawfinder.analyse(artifact(Language.C, "insecure.c"));

    assertThat(run.status()).isEqualTo(AnalyserRun.Status.RAN);
    Finding gets = byRule(run, "flawfinder.gets");
    assertThat(gets.severity()).isEqualTo(Severity.HIGH);
    assertThat(gets.cwe()).isEqualTo("CWE-120");
    assertThat(gets.line()).isEqualTo(14);
    assertThat(gets.column()).isEqualTo(5);
    assertThat(gets.evidence()).isEqualTo("gets(name);");
    assertThat(gets.fix()).contains("fgets");
    Finding system = byRule(run, "flawfinder.system");
    assertThat(system.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(system.cwe()).isEqualTo("CWE-78");
    assertThat(byRule(run, "flawfinder.strcpy").severity()).isEqualTo(Severity.MEDIUM);
  }

  @Test
  void flawfinderFindsNothingInSafeCode() {
    assumeInstalled("flawfinder");

    AnalyserRun run = flawfinder.analyse(artifact(Language.C, "safe.c"));

    assertThat(run.status()).isEqualTo(AnalyserRun.Status.RAN);
    assertThat(run.findings()).isEmpty();
  }

  @Test
  void flawfinderReadsQuotedCsvFields() {
    String csv =
        "File,Line,Column,DefaultLevel,Level,Category,Name,Warning,Suggestion,Note,CWEs,Context\n"
            + "snippet.c,1,3,4,4,format,printf,\"If format strings can be influenced (CWE-134).\","
            + "Use a constant for the format specification.,,CWE-134,\"  printf(argv[1]);\"\n"
            + "snippet.c,1,3,2,2,buffer,char,\"Statically-sized arrays\",x,,CWE-119!/CWE-120,c\n";

    List<Finding> found = FlawfinderAnalyser.parse(csv, "printf(argv[1]);\n");

    assertThat(found).singleElement().extracting(Finding::rule).isEqualTo("flawfinder.printf");
    assertThat(found.get(0).cwe()).isEqualTo("CWE-134");
    assertThat(found.get(0).message()).isEqualTo("If format strings can be influenced (CWE-134).");
  }

  @Test
  void cppcheckFindsOutOfBoundsWritesInCpp() {
    assumeInstalled("cppcheck");

    AnalyserRun run = cppcheck.analyse(artifact(Language.CPP, "defects.cpp"));

    assertThat(run.status()).isEqualTo(AnalyserRun.Status.RAN);
    Finding bounds = byRule(run, "cppcheck.arrayIndexOutOfBounds");
    assertThat(bounds.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(bounds.cwe()).isEqualTo("CWE-788");
    assertThat(bounds.line()).isEqualTo(5);
    assertThat(bounds.evidence()).isEqualTo("values[4] = 1;");
  }

  @Test
  void cppcheckKeepsItsObsoleteFunctionWarningsLow() {
    assumeInstalled("cppcheck");

    AnalyserRun run = cppcheck.analyse(artifact(Language.C, "insecure.c"));

    assertThat(byRule(run, "cppcheck.getsCalled").severity()).isEqualTo(Severity.LOW);
  }

  @Test
  void cppcheckFindsNothingInSafeCode() {
    assumeInstalled("cppcheck");

    AnalyserRun run = cppcheck.analyse(artifact(Language.C, "safe.c"));

    assertThat(run.status()).isEqualTo(AnalyserRun.Status.RAN);
    assertThat(run.findings()).isEmpty();
  }

  @Test
  void cppcheckLeavesOutSyntaxMessagesAndStyle() {
    String output =
        "@@1\t1\terror\tsyntaxError\t0\tsyntax error\n"
            + "@@2\t1\tstyle\tunusedVariable\t563\tUnused variable: x\n"
            + "@@3\t5\terror\tmemleak\t401\tMemory leak: p\n";

    List<Finding> found = CppcheckAnalyser.parse(output, "a\nb\nc\n");

    assertThat(found).singleElement().extracting(Finding::rule).isEqualTo("cppcheck.memleak");
    assertThat(found.get(0).severity()).isEqualTo(Severity.LOW);
  }
}
