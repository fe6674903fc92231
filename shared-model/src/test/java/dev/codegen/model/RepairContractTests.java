package dev.codegen.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class RepairContractTests {

  private final JsonMapper json = JsonMapper.builder().findAndAddModules().build();

  private static final Failure FAILED =
      new Failure(FailureReason.CHECK_FAILED, "javac", "javac: line 3 boom");

  private static JobFinished standing() {
    return new JobFinished(
        "j1",
        null,
        null,
        JobStatus.FAILED,
        Language.JAVA,
        "broken",
        "openai",
        "gpt-4.1",
        false,
        TokenUsage.of(10, 5),
        List.of(),
        null,
        FAILED,
        List.of(),
        Map.of(),
        Instant.EPOCH,
        List.of(
            new Attempt(
                1,
                Attempt.Verdict.FAILED,
                "broken",
                TokenUsage.of(10, 5),
                FAILED,
                List.of(new Diagnostic(3, 1, "error", "e", "boom")))),
        1);
  }

  @Test
  void aRepairNotMadeIsListedAndItsTokensAddedWhileTheFirstAttemptIsReturned() {
    Attempt notMade =
        new Attempt(2, Attempt.Verdict.NOT_MADE, null, TokenUsage.of(7, 3), FAILED, null);

    JobFinished finished = standing().withAttempt(notMade);

    assertThat(finished.attempts()).hasSize(2).last().isEqualTo(notMade);
    assertThat(finished.returnedAttempt()).isEqualTo(1);
    assertThat(finished.usage()).isEqualTo(TokenUsage.of(17, 8));
    assertThat(TokenUsage.of(17, 8).minus(TokenUsage.of(7, 3))).isEqualTo(TokenUsage.of(10, 5));
    assertThat(TokenUsage.of(1, 1).plus(null).minus(null)).isEqualTo(TokenUsage.of(1, 1));
  }

  @Test
  void aRepairRequestRoundTripsWithSnakeCaseNamesAndNamesTheFailedAttempt() {
    RepairRequested request = new RepairRequested("j1", 2, "add two numbers", 256, standing());

    String wire = json.writeValueAsString(request);
    RepairRequested read = json.readValue(wire, RepairRequested.class);

    assertThat(wire)
        .contains("\"max_tokens\":256", "\"returned_attempt\":1", "\"verdict\":\"failed\"");
    assertThat(read).isEqualTo(request);
    assertThat(read.previous().diagnostics()).hasSize(1);
  }

  @Test
  void aRepairIsARunOfItsOwnWithIdsOfItsOwn() {
    String job = JobIds.random();

    assertThat(EventIds.run(job, 1)).isEqualTo(job);
    assertThat(EventIds.run(job, 2)).isNotEqualTo(job);
    assertThat(EventIds.of(job, 1, "generated")).isEqualTo(EventIds.of(job, "generated"));
    assertThat(EventIds.of(job, 2, "generated")).isNotEqualTo(EventIds.of(job, "generated"));
  }
}
