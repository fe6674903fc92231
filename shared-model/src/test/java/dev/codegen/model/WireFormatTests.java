package dev.codegen.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class WireFormatTests {

  private final JsonMapper json = JsonMapper.builder().findAndAddModules().build();

  @Test
  void requestUsesSnakeCaseNamesThatBulkProducersWrite() {
    String bulk =
        """
        {"custom_id":"row-7","batch_id":"b1","prompt":"hello world","language":"python",
         "max_tokens":256,"metadata":{"team":"data"}}
        """;

    GenerationRequested request = json.readValue(bulk, GenerationRequested.class);

    assertThat(request.jobId()).isNull();
    assertThat(request.customId()).isEqualTo("row-7");
    assertThat(request.batchId()).isEqualTo("b1");
    assertThat(request.maxTokens()).isEqualTo(256);
    assertThat(request.metadata()).containsEntry("team", "data");
    assertThat(request.withJobId("j1").jobId()).isEqualTo("j1");
  }

  @Test
  void finishedJobRoundTripsWithLowercaseEnums() {
    JobFinished finished =
        new JobFinished(
            "j1",
            null,
            null,
            JobStatus.FAILED,
            Language.JAVA,
            "class A {}",
            "offline",
            "offline-1",
            true,
            TokenUsage.of(10, 5),
            List.of(
                new PluginReport(
                    "javac",
                    PluginVerdict.FAILED,
                    12,
                    "1 error",
                    List.of(new Diagnostic(1, 9, "error", "compiler.err", "boom")))),
            Checks.complete()
                .with(
                    new MissingCheck(
                        "syntax", MissingCheck.Reason.TIMEOUT, "python3 exceeded PT5S; killed")),
            new Failure(FailureReason.CHECK_FAILED, "javac", "does not compile"),
            List.of(
                new Finding(
                    "output.insecure_code",
                    "java.crypto.ecb_mode",
                    "CWE-327",
                    Severity.MEDIUM,
                    3,
                    20,
                    "Cipher.getInstance(\"AES/ECB/PKCS5Padding\")",
                    "uses ECB mode",
                    "use AES/GCM/NoPadding")),
            Map.of(),
            Instant.parse("2026-11-26T12:00:00Z"));

    String text = json.writeValueAsString(finished);

    assertThat(text)
        .contains("\"status\":\"failed\"")
        .contains("\"language\":\"java\"")
        .contains("\"reason\":\"check_failed\"")
        .contains("\"verdict\":\"failed\"")
        .contains("\"total_tokens\":15")
        .contains("\"severity\":\"medium\"")
        .contains("\"cwe\":\"CWE-327\"")
        .contains(
            "\"checks\":{\"status\":\"incomplete\",\"missing\":[{\"plugin\":\"syntax\","
                + "\"reason\":\"timeout\",\"detail\":\"python3 exceeded PT5S; killed\"}]}");
    assertThat(json.readValue(text, JobFinished.class)).isEqualTo(finished);
    assertThat(json.readValue(text, JobFinished.class).checks().isComplete()).isFalse();
  }

  @Test
  void statusOnlyMovesForwardAndTerminalStatusesAreFinal() {
    assertThat(JobStatus.QUEUED.canMoveTo(JobStatus.GENERATING)).isTrue();
    assertThat(JobStatus.POST_PROCESSING.canMoveTo(JobStatus.GENERATING)).isFalse();
    assertThat(JobStatus.SUCCEEDED.canMoveTo(JobStatus.FAILED)).isFalse();
    assertThat(JobStatus.CANCELLED.isTerminal()).isTrue();
    assertThat(JobStatus.fromWire("post_processing")).contains(JobStatus.POST_PROCESSING);
    assertThat(JobStatus.fromWire("nope")).isEmpty();
    assertThat(JobStatus.fromWire(null)).isEmpty();
    assertThatThrownBy(() -> json.readValue("\"nope\"", JobStatus.class))
        .hasMessageContaining("nope");
  }

  @Test
  void languagesParseCaseInsensitivelyAndRejectUnknownOnes() {
    assertThat(Language.fromWire(" Python ")).contains(Language.PYTHON);
    assertThat(Language.fromWire("cobol")).isEmpty();
    assertThat(Language.fromWire(null)).isEmpty();
    assertThat(Language.wireNames()).contains("java", "python", "go");
    assertThatThrownBy(() -> json.readValue("\"cobol\"", Language.class))
        .hasMessageContaining("cobol");
  }

  @Test
  void theSameFactStatedTwiceCarriesTheSameIdAndAnotherFactAnother() {
    JobProgressed first = JobProgressed.now("j1", JobStatus.GENERATING, "a", null, "w");
    JobProgressed again = JobProgressed.now("j1", JobStatus.GENERATING, "a", null, "w");
    JobProgressed other = JobProgressed.now("j1", JobStatus.GENERATING, "b", null, "w");
    JobProgressed otherJob = JobProgressed.now("j2", JobStatus.GENERATING, "a", null, "w");

    assertThat(again.eventId()).isEqualTo(first.eventId());
    assertThat(other.eventId()).isNotEqualTo(first.eventId());
    assertThat(otherJob.eventId()).isNotEqualTo(first.eventId());
    assertThat(first.detail()).isEmpty();
    assertThat(json.readValue(json.writeValueAsString(first), JobProgressed.class))
        .isEqualTo(first);
  }

  @Test
  void bulkJobIdsAreStablePerRecordPosition() {
    assertThat(JobIds.forRecord(Topics.REQUESTS, 0, 42))
        .isEqualTo(JobIds.forRecord(Topics.REQUESTS, 0, 42))
        .isNotEqualTo(JobIds.forRecord(Topics.REQUESTS, 1, 42));
    assertThat(JobIds.random()).hasSize(36);
  }

  @Test
  void ownJobIdWinsOverTheRecordPosition() {
    GenerationRequested bulk =
        new GenerationRequested(null, "c", null, "p", "java", null, null, null, null);
    String own = JobIds.random();

    assertThat(JobIds.resolve(bulk.withJobId(own), Topics.REQUESTS, 0, 1)).isEqualTo(own);
    assertThat(JobIds.resolve(bulk, Topics.REQUESTS, 0, 1))
        .isEqualTo(JobIds.forRecord(Topics.REQUESTS, 0, 1));
    assertThat(JobIds.resolve(bulk.withJobId(" "), Topics.REQUESTS, 0, 1))
        .isEqualTo(JobIds.forRecord(Topics.REQUESTS, 0, 1));
    assertThat(JobIds.isValid(own)).isTrue();
    assertThat(JobIds.isValid("not-a-uuid")).isFalse();
    assertThat(JobIds.isValid(null)).isFalse();
    assertThat(JobIds.isValid("zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz")).isFalse();
  }

  @Test
  void topicNamesFollowOneScheme() {
    assertThat(Topics.stage("javac")).isEqualTo("codegen.stage.javac.v1");
    assertThat(Topics.deadLetter(Topics.REQUESTS)).isEqualTo("codegen.requests.v1.dlt");
  }

  @Test
  void artifactAccumulatesReportsInStageOrder() {
    CodeGenerated artifact =
        new CodeGenerated(
            "j1",
            null,
            null,
            Language.PYTHON,
            "```py\nx=1\n```",
            "```py\nx=1\n```",
            "offline",
            "offline-1",
            true,
            TokenUsage.of(1, 2),
            null,
            null,
            null,
            Instant.now());
    PluginReport extract = new PluginReport("extract", PluginVerdict.PASSED, 1, "ok", null);

    CodeGenerated next = artifact.after("x=1\n", extract);

    assertThat(next.code()).isEqualTo("x=1\n");
    assertThat(next.rawOutput()).isEqualTo(artifact.rawOutput());
    assertThat(next.reports()).containsExactly(extract);
    assertThat(artifact.reports()).isEmpty();
  }

  @Test
  void artifactAppendsFindingsAfterTheOnesItCarries() {
    Finding gate =
        new Finding("output.secrets", "aws.key", null, Severity.LOW, 1, 1, "AKIA****", "key", null);
    Finding analyser =
        new Finding(
            "output.analysers",
            "bandit.B602",
            "CWE-78",
            Severity.HIGH,
            3,
            5,
            "subprocess.call(cmd, shell=True)",
            "shell=True",
            "pass a list");
    CodeGenerated artifact =
        new CodeGenerated(
            "j1",
            null,
            null,
            Language.PYTHON,
            "x",
            "x",
            "offline",
            "offline-1",
            true,
            null,
            null,
            List.of(gate),
            null,
            Instant.now());

    CodeGenerated next = artifact.withFindings(List.of(analyser));

    assertThat(next.findings()).containsExactly(gate, analyser);
    assertThat(artifact.findings()).containsExactly(gate);
    assertThat(next.code()).isEqualTo("x");
    assertThat(artifact.withFindings(List.of())).isSameAs(artifact);
    assertThat(artifact.withFindings(null)).isSameAs(artifact);
    Checks incomplete =
        Checks.complete()
            .with(new MissingCheck("syntax", MissingCheck.Reason.TIMEOUT, "python3 overran"));
    CodeGenerated checked =
        artifact.after(
            "x", new PluginReport("syntax", PluginVerdict.TIMEOUT, 1, "overran", null), incomplete);
    assertThat(checked.withFindings(List.of(analyser)).checks()).isEqualTo(incomplete);
  }
}
