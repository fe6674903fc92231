package dev.codegen.worker.generation;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.api.EncodingType;
import dev.codegen.model.CodeGenerated;
import dev.codegen.model.Failure;
import dev.codegen.model.FailureReason;
import dev.codegen.model.Finding;
import dev.codegen.model.GenerationRequested;
import dev.codegen.model.JobFinished;
import dev.codegen.model.JobProgressed;
import dev.codegen.model.JobStatus;
import dev.codegen.model.Language;
import dev.codegen.model.Severity;
import dev.codegen.model.TokenUsage;
import dev.codegen.worker.generation.gate.GatePolicy;
import dev.codegen.worker.generation.gate.Gates;
import dev.codegen.worker.generation.gate.Scanner;
import dev.codegen.worker.tokens.MaxTokensPolicy;
import dev.codegen.worker.tokens.ModelCatalogue;
import dev.codegen.worker.tokens.TokenCounter;
import dev.codegen.worker.tokens.TokenGuardRails;
import dev.codegen.worker.tokens.TokenLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GenerateCodeTests {

  private static final TokenCounter COUNTER = new TokenCounter();
  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  private static final CompletableFuture<Void> NOT_CANCELLED = new CompletableFuture<>();

  /** Records every fact in memory; completes writes at once unless told to fail. */
  static class RecordingEvents implements JobEvents {
    final List<JobProgressed> progressed = new ArrayList<>();
    final List<CodeGenerated> generated = new ArrayList<>();
    final List<JobFinished> finished = new ArrayList<>();
    boolean failWrites;

    private CompletableFuture<Void> written() {
      return failWrites
          ? CompletableFuture.failedFuture(new IllegalStateException("broker away"))
          : CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> progressed(JobProgressed event) {
      progressed.add(event);
      return written();
    }

    @Override
    public CompletableFuture<Void> generated(CodeGenerated event) {
      generated.add(event);
      return written();
    }

    @Override
    public CompletableFuture<Void> finished(JobFinished event) {
      finished.add(event);
      return written();
    }

    List<String> actions() {
      return progressed.stream().map(JobProgressed::action).toList();
    }
  }

  /**
   * Gates with rules of this test's own: a keylogger prompt is refused (high), {@code rm -rf /} in
   * the output is refused (critical), {@code md5} in the output passes with a low finding.
   */
  private static final Gates GATES =
      new Gates(
          List.of(
              new Gates.Tier(
                  "input.malicious_intent",
                  flagging(
                      "keylogger", "input.malicious_intent", "test.keylogger", Severity.HIGH))),
          List.of(
              new Gates.Tier(
                  "output.insecure_code",
                  (text, language) -> {
                    List<Finding> found = new ArrayList<>();
                    found.addAll(
                        flagging("md5", "output.insecure_code", "test.md5", Severity.LOW)
                            .scan(text, language));
                    found.addAll(
                        flagging(
                                "rm -rf /", "output.insecure_code", "test.rm_rf", Severity.CRITICAL)
                            .scan(text, language));
                    return found;
                  })),
          GatePolicy.STANDARD,
          evidence -> evidence,
          Duration.ofSeconds(5));

  private static Scanner flagging(String literal, String gate, String rule, Severity severity) {
    return (text, language) ->
        text.contains(literal)
            ? List.of(
                new Finding(gate, rule, "CWE-1", severity, 2, 1, literal, "says " + literal, "fix"))
            : List.of();
  }

  private RecordingEvents events = new RecordingEvents();
  private final AtomicInteger modelCalls = new AtomicInteger();
  private final List<String> stages = new ArrayList<>();
  private ModelResult modelResult =
      new ModelResult.Answer(
          "fake", "fake-1", "```python\nprint(1)\n```", false, TokenUsage.of(3, 4));

  /** When set, the model answers through this future instead of at once. */
  private CompletableFuture<ModelResult> pendingCall;

  /** What the fake provider calls its model and sends with every prompt. */
  private String providerModel;

  private String providerInstructions = "";
  private TokenLimits limits = new TokenLimits(100, 2048);
  private final List<ModelRequest> modelRequests = new ArrayList<>();

  private GenerateCode useCase() {
    CodeGenerator generator =
        new CodeGenerator() {
          @Override
          public CompletableFuture<ModelResult> generate(ModelRequest request) {
            modelCalls.incrementAndGet();
            modelRequests.add(request);
            if (pendingCall != null) {
              return pendingCall;
            }
            if (modelResult == null) {
              throw new IllegalStateException("bug");
            }
            return CompletableFuture.completedFuture(modelResult);
          }

          @Override
          public String modelFor(String requested) {
            return requested == null ? providerModel : requested;
          }

          @Override
          public String instructions(Language language) {
            return providerInstructions;
          }
        };
    return new GenerateCode(
        new TokenGuardRails(COUNTER, limits, ModelCatalogue.bundled()),
        GATES,
        generator,
        events,
        (stage, elapsed) -> stages.add(stage),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static GenerationRequested request(String prompt, String language, Integer maxTokens) {
    return request(prompt, language, maxTokens, null);
  }

  private static GenerationRequested request(
      String prompt, String language, Integer maxTokens, String model) {
    return new GenerationRequested(
        "j1", "c1", "b1", prompt, language, maxTokens, model, Map.of("k", "v"), null);
  }

  private GenerationOutcome run(GenerationRequested request) {
    return useCase().generate("j1", request, NOT_CANCELLED).join();
  }

  @Test
  void runsEachStepAsASpanOfTheJobsTraceAndSendsItsFactsWithinIt() {
    List<String> steps = new ArrayList<>();
    List<String> ended = new ArrayList<>();
    List<String> tracedWith = new ArrayList<>();
    String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    JobTrace trace =
        new JobTrace() {
          @Override
          public Step step(String name) {
            steps.add(name);
            return () -> ended.add(name);
          }

          @Override
          public String traceparent() {
            return traceparent;
          }
        };
    RecordingEvents traced =
        new RecordingEvents() {
          @Override
          public JobEvents within(String parent) {
            tracedWith.add(parent);
            return this;
          }
        };
    events = traced;

    GenerationOutcome outcome =
        useCase().generate("j1", request("print one", "python", null), NOT_CANCELLED, trace).join();

    assertThat(outcome).isInstanceOf(GenerationOutcome.Generated.class);
    assertThat(steps).containsExactly("token rails", "input gates", "model call", "output gates");
    assertThat(ended).containsExactlyInAnyOrderElementsOf(steps);
    assertThat(tracedWith).containsExactly(traceparent);
    assertThat(traced.generated).hasSize(1);
  }

  @Test
  void generatesCodeAndRecordsEveryStep() {
    GenerationOutcome outcome = run(request("print one", "python", null));

    assertThat(outcome).isEqualTo(new GenerationOutcome.Generated("fake", "fake-1"));
    assertThat(events.actions())
        .containsExactly("generation.started", "gate.input.passed", "generation.completed");
    assertThat(events.progressed.get(1).detail())
        .containsEntry("prompt_tokens", String.valueOf(COUNTER.count("print one")))
        .containsEntry("max_output_tokens", "2048");
    assertThat(events.progressed.get(2).status()).isEqualTo(JobStatus.POST_PROCESSING);
    CodeGenerated generated = events.generated.get(0);
    assertThat(generated.code()).isEqualTo(generated.rawOutput()).contains("print(1)");
    assertThat(generated.customId()).isEqualTo("c1");
    assertThat(generated.batchId()).isEqualTo("b1");
    assertThat(generated.metadata()).containsEntry("k", "v");
    assertThat(generated.generatedAt()).isEqualTo(NOW);
    assertThat(events.finished).isEmpty();
    assertThat(stages).containsExactly("gates", "model", "gates", "publish");
  }

  @Test
  void rejectsInvalidRequestsWithoutCallingTheModel() {
    assertThat(run(request(" ", "python", null)))
        .isEqualTo(
            new GenerationOutcome.Rejected(
                new Failure(
                    FailureReason.INVALID_REQUEST, "request.prompt", "prompt must not be blank")));
    assertThat(run(request("x", null, null)))
        .extracting(o -> ((GenerationOutcome.Rejected) o).failure().message())
        .asString()
        .contains("java, python");
    assertThat(run(request("x", "go", 0)))
        .extracting(o -> ((GenerationOutcome.Rejected) o).failure().rule())
        .isEqualTo("request.max_tokens");

    assertThat(modelCalls).hasValue(0);
    assertThat(events.progressed).isEmpty();
    assertThat(events.finished)
        .hasSize(3)
        .allSatisfy(f -> assertThat(f.status()).isEqualTo(JobStatus.REJECTED));
  }

  @Test
  void rejectsPromptOverTokenBudget() {
    GenerationOutcome outcome = run(request("word ".repeat(300), "python", null));

    assertThat(((GenerationOutcome.Rejected) outcome).failure().reason())
        .isEqualTo(FailureReason.TOKEN_LIMIT_EXCEEDED);
    assertThat(events.actions()).containsExactly("generation.started", "tokens.rejected");
    assertThat(modelCalls).hasValue(0);
  }

  @Test
  void countsTheProvidersInstructionsWithThePromptInItsModelsEncoding() {
    providerModel = "gpt-4";
    providerInstructions = "Answer in python. 写一个函数计算阶乘";

    GenerationOutcome outcome = run(request("写一个函数计算阶乘", "python", 100));

    assertThat(outcome).isInstanceOf(GenerationOutcome.Generated.class);
    int promptTokens = COUNTER.count(EncodingType.CL100K_BASE, "写一个函数计算阶乘");
    int instructionTokens = COUNTER.count(EncodingType.CL100K_BASE, providerInstructions);
    assertThat(promptTokens).isNotEqualTo(COUNTER.count("写一个函数计算阶乘"));
    assertThat(events.progressed.get(1).detail())
        .containsEntry("model", "gpt-4")
        .containsEntry("encoding", "cl100k_base")
        .containsEntry("prompt_tokens", String.valueOf(promptTokens))
        .containsEntry("instruction_tokens", String.valueOf(instructionTokens))
        .containsEntry("input_tokens", String.valueOf(promptTokens + instructionTokens));
    assertThat(modelRequests.get(0).model()).isEqualTo("gpt-4");
    assertThat(modelRequests.get(0).inputTokens()).isEqualTo(promptTokens + instructionTokens);
  }

  @Test
  void refusesAPromptBeyondTheModelsContextWindowWithoutCallingTheModel() {
    // gpt-4 has 8,192 tokens of context: 7,000 of prompt leave no room for 2,048 of output.
    limits = new TokenLimits(10_000, 2048);

    GenerationOutcome outcome = run(request(" word".repeat(7000), "python", null, "gpt-4"));

    Failure failure = ((GenerationOutcome.Rejected) outcome).failure();
    assertThat(failure.reason()).isEqualTo(FailureReason.TOKEN_LIMIT_EXCEEDED);
    assertThat(failure.rule()).isEqualTo(TokenGuardRails.CONTEXT_RULE);
    assertThat(failure.message()).contains("9048").contains("context window of 8192 of gpt-4");
    assertThat(events.actions()).containsExactly("generation.started", "tokens.rejected");
    assertThat(events.progressed.get(1).detail())
        .containsEntry("rule", "tokens.context_window")
        .containsEntry("model", "gpt-4")
        .containsEntry("prompt_tokens", "7000");
    assertThat(events.finished.get(0).status()).isEqualTo(JobStatus.REJECTED);
    assertThat(modelCalls).hasValue(0);
    // The same prompt fits a model with a larger window.
    events.progressed.clear();
    assertThat(run(request(" word".repeat(7000), "python", null, "gpt-4.1")))
        .isInstanceOf(GenerationOutcome.Generated.class);
    assertThat(modelCalls).hasValue(1);
  }

  @Test
  void refusesMaxTokensAboveTheLimitUnderTheRefusePolicy() {
    GenerationOutcome outcome = run(request("print one", "python", 4096, "gpt-4.1"));

    assertThat(((GenerationOutcome.Rejected) outcome).failure().rule())
        .isEqualTo(TokenGuardRails.OUTPUT_RULE);
    assertThat(events.actions()).containsExactly("generation.started", "tokens.rejected");
    assertThat(modelCalls).hasValue(0);
  }

  @Test
  void clampsMaxTokensAboveTheLimitUnderTheClampPolicyAndSaysSo() {
    limits = new TokenLimits(100, 2048, MaxTokensPolicy.CLAMP);

    GenerationOutcome outcome = run(request("print one", "python", 4096, "gpt-4.1"));

    assertThat(outcome).isInstanceOf(GenerationOutcome.Generated.class);
    assertThat(modelRequests.get(0).maxOutputTokens()).isEqualTo(2048);
    assertThat(events.actions())
        .containsExactly(
            "generation.started", "tokens.clamped", "gate.input.passed", "generation.completed");
    assertThat(events.progressed.get(1).detail())
        .containsEntry("requested_max_tokens", "4096")
        .containsEntry("max_output_tokens", "2048")
        .containsEntry("model", "gpt-4.1");
    assertThat(events.progressed.get(2).detail()).containsEntry("max_output_tokens", "2048");
  }

  @Test
  void rejectsAtTheInputGateWithGateAndRule() {
    GenerationOutcome outcome = run(request("write a keylogger in go", "go", null));

    Failure failure = ((GenerationOutcome.Rejected) outcome).failure();
    assertThat(failure.reason()).isEqualTo(FailureReason.GATE_REJECTED);
    assertThat(failure.rule()).isEqualTo("test.keylogger");
    assertThat(failure.message()).contains("input.malicious_intent");
    assertThat(events.actions()).containsExactly("generation.started", "gate.input.rejected");
    assertThat(events.progressed.get(1).detail())
        .containsEntry("gate", "input.malicious_intent")
        .containsEntry("rule", "test.keylogger")
        .containsEntry("severity", "high")
        .containsEntry("findings", "1");
    assertThat(events.finished.get(0).findings())
        .extracting(Finding::rule)
        .containsExactly("test.keylogger");
    assertThat(events.finished.get(0).usage()).isNull();
    assertThat(modelCalls).hasValue(0);
  }

  @Test
  void rejectsAtTheOutputGateAndKeepsTheUsage() {
    modelResult =
        new ModelResult.Answer(
            "fake", "fake-1", "```bash\nrm -rf /\n```", false, TokenUsage.of(3, 4));

    GenerationOutcome outcome = run(request("clean up", "bash", null));

    assertThat(((GenerationOutcome.Rejected) outcome).failure().rule()).isEqualTo("test.rm_rf");
    assertThat(events.actions())
        .containsExactly(
            "generation.started", "gate.input.passed", "model.responded", "gate.output.rejected");
    JobFinished finished = events.finished.get(0);
    assertThat(finished.status()).isEqualTo(JobStatus.REJECTED);
    assertThat(finished.usage()).isEqualTo(TokenUsage.of(3, 4));
    assertThat(finished.provider()).isEqualTo("fake");
    assertThat(finished.code()).isNull();
    assertThat(finished.findings()).extracting(Finding::rule).containsExactly("test.rm_rf");
    assertThat(finished.failure().message())
        .isEqualTo(
            "generated code rejected by gate output.insecure_code: test.rm_rf (CWE-1, critical)"
                + " at line 2: says rm -rf /");
    assertThat(events.generated).isEmpty();
  }

  @Test
  void passesFindingsBelowThePolicyAndCarriesThemWithTheCode() {
    modelResult =
        new ModelResult.Answer(
            "fake", "fake-1", "```python\nmd5(x)\n```", false, TokenUsage.of(3, 4));

    GenerationOutcome outcome = run(request("hash it", "python", null));

    assertThat(outcome).isEqualTo(new GenerationOutcome.Generated("fake", "fake-1"));
    assertThat(events.generated.get(0).findings())
        .extracting(Finding::rule, Finding::severity)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("test.md5", Severity.LOW));
    assertThat(events.progressed.get(2).detail())
        .containsEntry("findings", "1")
        .containsEntry("finding_rules", "test.md5@2 low");
  }

  @Test
  void failsWhenTheProviderFails() {
    modelResult =
        new ModelResult.Failed(
            "fake", "fake-1", FailureReason.PROVIDER_RATE_LIMITED, "HTTP 429 after 2 retries");

    GenerationOutcome outcome = run(request("print one", "python", 100));

    assertThat(outcome)
        .isEqualTo(
            new GenerationOutcome.Failed(
                new Failure(
                    FailureReason.PROVIDER_RATE_LIMITED, "fake", "HTTP 429 after 2 retries")));
    assertThat(events.actions()).last().isEqualTo("model.failed");
    assertThat(events.finished.get(0).status()).isEqualTo(JobStatus.FAILED);
    assertThat(modelCalls).hasValue(1);
  }

  @Test
  void endsTheJobAsInternalErrorWhenSomethingBreaks() {
    modelResult = null;

    GenerationOutcome outcome = run(request("print one", "python", null));

    assertThat(((GenerationOutcome.Failed) outcome).failure().reason())
        .isEqualTo(FailureReason.INTERNAL_ERROR);
    assertThat(events.finished).hasSize(1);
  }

  @Test
  void endsTheJobAsInternalErrorWhenTheModelCallFailsExceptionally() {
    pendingCall = CompletableFuture.failedFuture(new IllegalStateException("bug"));

    GenerationOutcome outcome = run(request("print one", "python", null));

    assertThat(((GenerationOutcome.Failed) outcome).failure().reason())
        .isEqualTo(FailureReason.INTERNAL_ERROR);
    assertThat(events.actions()).containsExactly("generation.started", "gate.input.passed");
    assertThat(events.finished).hasSize(1);
  }

  @Test
  void continuesWhenTheModelAnswersLater() {
    pendingCall = new CompletableFuture<>();

    CompletableFuture<GenerationOutcome> job =
        useCase().generate("j1", request("print one", "python", null), NOT_CANCELLED);

    assertThat(job).isNotDone();
    assertThat(events.actions()).containsExactly("generation.started", "gate.input.passed");
    pendingCall.complete(modelResult);
    assertThat(job).isCompletedWithValue(new GenerationOutcome.Generated("fake", "fake-1"));
    assertThat(events.actions()).last().isEqualTo("generation.completed");
    assertThat(stages).containsExactly("gates", "model", "gates", "publish");
  }

  @Test
  void aJobCancelledBeforeItStartsEndsCancelledWithoutCallingTheModel() {
    GenerationOutcome outcome =
        useCase()
            .generate(
                "j1", request("print one", "python", null), CompletableFuture.completedFuture(null))
            .join();

    assertThat(outcome).isInstanceOf(GenerationOutcome.Cancelled.class);
    assertThat(modelCalls).hasValue(0);
    assertThat(events.progressed).isEmpty();
    assertThat(events.finished)
        .singleElement()
        .satisfies(
            finished -> {
              assertThat(finished.status()).isEqualTo(JobStatus.CANCELLED);
              assertThat(finished.failure().reason()).isEqualTo(FailureReason.CANCELLED);
            });
  }

  @Test
  void cancellingAJobInFlightCancelsItsModelCallAndEndsItCancelled() {
    pendingCall = new CompletableFuture<>();
    CompletableFuture<Void> cancelled = new CompletableFuture<>();
    CompletableFuture<GenerationOutcome> job =
        useCase().generate("j1", request("print one", "python", null), cancelled);

    cancelled.complete(null);

    assertThat(pendingCall).isCancelled();
    assertThat(job.join()).isInstanceOf(GenerationOutcome.Cancelled.class);
    assertThat(events.generated).isEmpty();
    assertThat(events.finished)
        .singleElement()
        .extracting(JobFinished::status)
        .isEqualTo(JobStatus.CANCELLED);
  }

  @Test
  void abandonsTheJobWhenShutdownGivesUpOnTheModelCall() {
    pendingCall = new CompletableFuture<>();
    CompletableFuture<GenerationOutcome> job =
        useCase().generate("j1", request("print one", "python", null), NOT_CANCELLED);

    job.completeExceptionally(new JobAbandoned("j1"));

    assertThat(pendingCall).isCancelled();
    assertThat(events.actions()).containsExactly("generation.started", "gate.input.passed");
    assertThat(events.finished).isEmpty();
    assertThat(stages).doesNotContain("model", "publish");
  }

  @Test
  void writesNothingMoreWhenTheModelAnswersAfterTheJobWasAbandoned() {
    // A provider whose call cannot be cancelled answers anyway.
    pendingCall =
        new CompletableFuture<>() {
          @Override
          public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
          }
        };
    CompletableFuture<GenerationOutcome> job =
        useCase().generate("j1", request("print one", "python", null), NOT_CANCELLED);

    job.completeExceptionally(new JobAbandoned("j1"));
    pendingCall.complete(
        new ModelResult.Failed("fake", "fake-1", FailureReason.PROVIDER_TIMEOUT, "too late"));

    assertThat(events.actions()).containsExactly("generation.started", "gate.input.passed");
    assertThat(events.finished).isEmpty();
    assertThat(job).isCompletedExceptionally();
  }

  @Test
  void failsTheFutureWhenARecordCannotBeWritten() {
    events.failWrites = true;

    CompletableFuture<GenerationOutcome> future =
        useCase().generate("j1", request("print one", "python", null), NOT_CANCELLED);

    assertThat(future).isCompletedExceptionally();
    assertThat(future.handle((o, e) -> e))
        .succeedsWithin(Duration.ofSeconds(1))
        .isInstanceOf(CompletionException.class);
  }
}
