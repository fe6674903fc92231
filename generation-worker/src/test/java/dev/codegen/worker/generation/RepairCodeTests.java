package dev.codegen.worker.generation;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.codegen.model.Attempt;
import dev.codegen.model.CodeGenerated;
import dev.codegen.model.Diagnostic;
import dev.codegen.model.EventIds;
import dev.codegen.model.Failure;
import dev.codegen.model.FailureReason;
import dev.codegen.model.JobFinished;
import dev.codegen.model.JobIds;
import dev.codegen.model.JobProgressed;
import dev.codegen.model.JobStatus;
import dev.codegen.model.Language;
import dev.codegen.model.PluginReport;
import dev.codegen.model.PluginVerdict;
import dev.codegen.model.RepairRequested;
import dev.codegen.model.TokenUsage;
import dev.codegen.worker.generation.GenerateCodeTests.RecordingEvents;
import dev.codegen.worker.generation.gate.GatePolicy;
import dev.codegen.worker.generation.gate.Gates;
import dev.codegen.worker.offline.OfflineCodeGenerator;
import dev.codegen.worker.openai.OpenAiCodeGenerator;
import dev.codegen.worker.openai.OpenAiProperties;
import dev.codegen.worker.tokens.ModelCatalogue;
import dev.codegen.worker.tokens.TokenCounter;
import dev.codegen.worker.tokens.TokenGuardRails;
import dev.codegen.worker.tokens.TokenLimits;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The repair round against a local server speaking the Responses API wire format. */
class RepairCodeTests {

  private static final TokenCounter COUNTER = new TokenCounter();
  private static final Instant NOW = Instant.parse("2026-12-08T01:00:00Z");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String BROKEN = "public class Adder {\n  int add() { return missing; }\n}\n";
  private static final Diagnostic MISSING =
      new Diagnostic(2, 23, "error", "compiler.err.cant.resolve", "cannot find symbol: missing");
  private static final TokenUsage FIRST_CALL = new TokenUsage(10, 20, 30);
  private static final String FIXED =
      "```java\npublic class Adder {\n  int add(int a, int b) { return a + b; }\n}\n```";

  private final RecordingEvents events = new RecordingEvents();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final CpuPool cpu = new CpuPool(2);
  private final String jobId = JobIds.random();
  private HttpServer server;
  private OpenAiCodeGenerator openAi;

  @AfterEach
  void stop() {
    if (openAi != null) {
      openAi.close();
    }
    if (server != null) {
      server.stop(0);
    }
    cpu.close();
  }

  /** A Responses API answering every call with {@code status} and {@code text}. */
  private CodeGenerator responsesApi(int status, String text) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/v1/responses",
        exchange -> {
          requests.add(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          byte[] body = response(text).getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    openAi =
        new OpenAiCodeGenerator(
            new OpenAiProperties(
                "sk-test-local",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/v1",
                "gpt-4.1",
                Duration.ofSeconds(5),
                0),
            cpu.executor());
    return openAi;
  }

  private static String response(String text) {
    return """
        {"id":"resp_1","object":"response","created_at":0,"model":"gpt-4.1","status":"completed",
         "parallel_tool_calls":false,"tool_choice":"auto","tools":[],
         "output":[{"type":"message","id":"msg_1","role":"assistant","status":"completed",
           "content":[{"type":"output_text","text":%s,"annotations":[]}]}],
         "usage":{"input_tokens":120,"input_tokens_details":{"cached_tokens":0},"output_tokens":25,
           "output_tokens_details":{"reasoning_tokens":0},"total_tokens":145}}
        """
        .formatted(JSON.writeValueAsString(text));
  }

  private RepairCode repairCode(CodeGenerator generator, int maxInputTokens) {
    return new RepairCode(
        new TokenGuardRails(
            COUNTER, new TokenLimits(maxInputTokens, 2048), ModelCatalogue.bundled()),
        Gates.standard(GatePolicy.STANDARD, Duration.ofSeconds(5)),
        generator,
        events,
        (stage, elapsed) -> {},
        JobMetrics.NONE,
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private RepairRequested request(String model) {
    Failure failure =
        new Failure(FailureReason.CHECK_FAILED, "javac", "javac: line 2:23 cannot find symbol");
    JobFinished standing =
        new JobFinished(
            jobId,
            "c1",
            "b1",
            JobStatus.FAILED,
            Language.JAVA,
            BROKEN,
            "openai",
            model,
            false,
            FIRST_CALL,
            List.of(
                new PluginReport("javac", PluginVerdict.FAILED, 3, "1 error", List.of(MISSING))),
            null,
            failure,
            List.of(),
            Map.of("team", "e2e"),
            NOW,
            List.of(
                new Attempt(
                    1, Attempt.Verdict.FAILED, BROKEN, FIRST_CALL, failure, List.of(MISSING))),
            1);
    return new RepairRequested(jobId, 2, "a class that adds two numbers", 256, standing);
  }

  @Test
  void sendsTheCodeAndItsDiagnosticsToTheModelAndCountsTheTokensOfBothCalls() throws Exception {
    RepairCode repair = repairCode(responsesApi(200, FIXED), 8000);

    GenerationOutcome outcome = repair.repair(request("gpt-4.1"), new CompletableFuture<>()).join();

    assertThat(outcome).isInstanceOf(GenerationOutcome.Generated.class);
    assertThat(requests).hasSize(1);
    JsonNode sent = JSON.readTree(requests.get(0));
    assertThat(sent.path("model").asString()).isEqualTo("gpt-4.1");
    assertThat(sent.path("instructions").asString()).contains("compilable java");
    assertThat(sent.path("input").asString())
        .contains("a class that adds two numbers")
        .contains("```java\n" + BROKEN.stripTrailing() + "\n```")
        .contains("(javac)")
        .contains("line 2:23 error: cannot find symbol: missing");
    assertThat(sent.path("metadata").path("attempt").asString()).isEqualTo("2");
    assertThat(sent.path("max_output_tokens").asInt()).isEqualTo(256);
    CodeGenerated generated = events.generated.get(0);
    assertThat(generated.attempt()).isEqualTo(2);
    assertThat(generated.code()).isEqualTo(FIXED);
    assertThat(generated.usage()).isEqualTo(new TokenUsage(130, 45, 175));
    assertThat(generated.attempts()).hasSize(1);
    assertThat(generated.prompt()).isEqualTo("a class that adds two numbers");
    assertThat(generated.metadata()).containsEntry("team", "e2e");
    assertThat(events.finished).isEmpty();
    assertThat(events.progressed)
        .extracting(JobProgressed::action)
        .containsExactly("repair.started", "repair.completed");
    assertThat(events.progressed.get(0).eventId())
        .isEqualTo(EventIds.of(jobId, "generation-worker/attempt/2/repair.started"));
  }

  @Test
  void leavesTheStandingOutcomeWithTheRepairNotMadeWhenTheModelFails() throws Exception {
    RepairCode repair = repairCode(responsesApi(500, "down"), 8000);

    GenerationOutcome outcome = repair.repair(request("gpt-4.1"), new CompletableFuture<>()).join();

    assertThat(outcome).isInstanceOf(GenerationOutcome.Failed.class);
    assertThat(events.generated).isEmpty();
    JobFinished finished = events.finished.get(0);
    assertThat(finished.status()).isEqualTo(JobStatus.FAILED);
    assertThat(finished.failure().reason()).isEqualTo(FailureReason.CHECK_FAILED);
    assertThat(finished.code()).isEqualTo(BROKEN);
    assertThat(finished.returnedAttempt()).isEqualTo(1);
    assertThat(finished.attempts()).hasSize(2);
    Attempt notMade = finished.attempts().get(1);
    assertThat(notMade.verdict()).isEqualTo(Attempt.Verdict.NOT_MADE);
    assertThat(notMade.failure().reason()).isEqualTo(FailureReason.PROVIDER_ERROR);
    assertThat(finished.usage()).isEqualTo(FIRST_CALL);
    assertThat(events.progressed)
        .extracting(JobProgressed::action)
        .containsExactly("repair.started", "repair.not_made");
  }

  @Test
  void makesNoCallWhenTheRepairIsOverTheInputLimit() throws Exception {
    RepairCode repair = repairCode(responsesApi(200, FIXED), 40);

    repair.repair(request("gpt-4.1"), new CompletableFuture<>()).join();

    assertThat(requests).isEmpty();
    Attempt notMade = events.finished.get(0).attempts().get(1);
    assertThat(notMade.failure().reason()).isEqualTo(FailureReason.TOKEN_LIMIT_EXCEEDED);
    assertThat(notMade.usage()).isNull();
  }

  @Test
  void makesNoCallForAJobCancelledMeanwhile() throws Exception {
    RepairCode repair = repairCode(responsesApi(200, FIXED), 8000);

    repair.repair(request("gpt-4.1"), CompletableFuture.completedFuture(null)).join();

    assertThat(requests).isEmpty();
    assertThat(events.finished.get(0).attempts().get(1).failure().reason())
        .isEqualTo(FailureReason.CANCELLED);
  }

  @Test
  void offlineAnswersARepairWithTheCompilingTemplateOfTheOriginalPrompt() {
    RepairCode repair = repairCode(new OfflineCodeGenerator(COUNTER, cpu.executor()), 8000);

    repair.repair(request(OfflineCodeGenerator.MODEL), new CompletableFuture<>()).join();

    CodeGenerated generated = events.generated.get(0);
    assertThat(generated.offline()).isTrue();
    assertThat(generated.code())
        .contains("in place of the code refused")
        .contains("```java")
        .doesNotContain("missing");
    assertThat(generated.usage().inputTokens())
        .isGreaterThan(FIRST_CALL.inputTokens() + COUNTER.count(BROKEN));
  }
}
