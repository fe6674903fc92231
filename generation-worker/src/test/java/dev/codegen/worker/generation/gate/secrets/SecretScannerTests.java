package dev.codegen.worker.generation.gate.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codegen.model.Finding;
import dev.codegen.model.Language;
import dev.codegen.model.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretScannerTests {

  private static final String TOKEN = "ghp_Zq8xL2mV9pR4tK7wB1cN5hJ3yD6fGs0eA8uI";
  private final SecretScanner scanner = new SecretScanner("output.secrets");

  @Test
  void reportsPlaceRuleAndRedactedEvidence() {
    String code = "import os\n\nclient = Github(\"" + TOKEN + "\")\n";
    List<Finding> findings = scanner.scan(code, Language.PYTHON);
    assertThat(findings).hasSize(1);
    Finding finding = findings.get(0);
    assertThat(finding.gate()).isEqualTo("output.secrets");
    assertThat(finding.rule()).isEqualTo("secret.github_pat");
    assertThat(finding.cwe()).isEqualTo("CWE-798");
    assertThat(finding.severity()).isEqualTo(Severity.HIGH);
    assertThat(finding.line()).isEqualTo(3);
    assertThat(finding.column()).isEqualTo(18);
    assertThat(finding.evidence()).isEqualTo("client = Github(\"ghp_…[redacted]\")");
    assertThat(finding.toString()).doesNotContain(TOKEN.substring(4));
  }

  @Test
  void oneFindingPerSecretValue() {
    String prompt = "my token is " + TOKEN + " and the key is AKIAZ7Q2M4X3L3K5P6RT\n";
    assertThat(scanner.scan(prompt, null))
        .extracting(Finding::rule)
        .containsExactly("secret.github_pat", "secret.aws_access_token");
  }

  @Test
  void redactsEveryValueAndLeavesOtherTextAlone() {
    String text = "token=" + TOKEN + "\npassword: \"Tr0ub4dor&3x!\"\nname = 'app'";
    assertThat(scanner.redact(text))
        .isEqualTo("token=ghp_…[redacted]\npassword: \"[redacted]\"\nname = 'app'");
    assertThat(scanner.redact("nothing here")).isEqualTo("nothing here");
    assertThat(SecretScanner.redacted("short")).isEqualTo("[redacted]");
  }

  @Test
  void leavesPlaceholdersVariablesAndHashesAlone() {
    String code =
        """
        api_key = os.environ["API_KEY"]
        token = process.env.GITHUB_TOKEN
        password = "changeme"
        secret: ${DB_SECRET}
        GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
        checksum_key = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
        request_id = "5b3c9e1a-7f2d-4c8b-a6e0-d94f1b2c3a7e"
        """;
    assertThat(scanner.scan(code, Language.PYTHON)).isEmpty();
  }

  @Test
  void neverThrows() {
    assertThat(scanner.scan(null, null)).isEmpty();
    assertThat(scanner.scan("", null)).isEmpty();
    assertThat(scanner.redact(null)).isNull();
    String huge = "key=".repeat(20_000) + "İ".repeat(1000) + "password=" + "a1".repeat(5000);
    assertThat(scanner.scan(huge, null)).isNotNull();
  }
}
