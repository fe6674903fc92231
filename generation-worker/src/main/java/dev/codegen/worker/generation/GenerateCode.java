package dev.codegen.worker.generation;

import dev.codegen.model.Failure;
import dev.codegen.model.FailureReason;
import dev.codegen.model.GenerationRequested;
import dev.codegen.model.JobStatus;
import dev.codegen.model.Language;
import dev.codegen.worker.generation.gate.GateDecision;
import dev.codegen.worker.generation.gate.Gates;
import dev.codegen.worker.tokens.TokenCheck;
import dev.codegen.worker.tokens.TokenGuardRails;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The use case: one request in, its facts out. Token guard rails and input gates run before the
 * model is called, output gates after; every decision is written as an audit fact, and the job ends
 * here with a {@code JobFinished} (rejected or failed) or moves on as {@code CodeGenerated}.
 */
public final class GenerateCode {

  private final TokenGuardRails tokens;
  private final Gates gates;
  private final CodeGenerator generator;
  private final JobEvents events;
  private final StageTimer timer;
  private final JobMetrics metrics;
  private final Clock clock;

  public GenerateCode(
      TokenGuardRails tokens,
      Gates gates,
      CodeGenerator generator,
      JobEvents events,
      StageTimer timer,
      Clock clock) {
    this(tokens, gates, generator, events, timer, JobMetrics.NONE, clock);
  }

  public GenerateCode(
      TokenGuardRails tokens,
      Gates gates,
      CodeGenerator generator,
      JobEvents events,
      StageTimer timer,
      JobMetrics metrics,
      Clock clock) {
    this.tokens = tokens;
    this.gates = gates;
    this.generator = generator;
    this.events = events;
    this.timer = timer;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * Runs the job to its outcome in this worker: rails and input gates on the calling thread, the
   * rest when the model answers. The future completes once every record the job produced is
   * written, and fails if one could not be.
   *
   * <p>Completing the returned future exceptionally (with {@link JobAbandoned}, when the worker
   * stops) abandons the job: the model call is cancelled and nothing more is written for it.
   *
   * @param cancelled completes when the job's owner cancels it: a job cancelled before its model
   *     call never makes one, a call in flight is aborted; either way the job ends {@code
   *     cancelled}
   */
  public CompletableFuture<GenerationOutcome> generate(
      String jobId, GenerationRequested request, CompletableFuture<?> cancelled) {
    return generate(jobId, request, cancelled, JobTrace.NONE);
  }

  /**
   * As {@link #generate(String, GenerationRequested, CompletableFuture)}, with each step a span of
   * {@code trace} and every fact of the job carrying it.
   */
  public CompletableFuture<GenerationOutcome> generate(
      String jobId, GenerationRequested request, CompletableFuture<?> cancelled, JobTrace trace) {
    Language language = Language.fromWire(request.language()).orElse(null);
    JobRecorder recorder =
        new JobRecorder(events.within(trace.traceparent()), clock, jobId, request, language);
    CompletableFuture<GenerationOutcome> job = new CompletableFuture<>();
    CompletableFuture<GenerationOutcome> outcome;
    try {
      outcome = run(jobId, request, language, recorder, job, cancelled, trace);
    } catch (RuntimeException e) {
      outcome = CompletableFuture.failedFuture(e);
    }
    outcome.whenComplete(
        (result, error) -> {
          if (job.isDone()) {
            return; // abandoned: whatever the model said is not the job's outcome
          }
          try {
            GenerationOutcome ended;
            if (error == null) {
              ended = result;
            } else if (cancelled.isDone()) {
              ended = cancelled(recorder); // the model call was aborted
            } else {
              ended = internalError(recorder);
            }
            publish(recorder, ended, job);
          } catch (RuntimeException e) {
            job.completeExceptionally(e);
          }
        });
    return job;
  }

  /**
   * Runs the rails, the input and output gates and the model client's request and answer handling
   * once on sample text, with no job, no fact and no model call: a fresh worker does this before it
   * takes partitions, so the first jobs it takes over do not pay for its cold start.
   */
  public void warmUp() {
    String prompt = "a function that adds two numbers";
    String model = generator.modelFor(null);
    tokens.warmUp(model);
    tokens.check(model, prompt, generator.instructions(Language.JAVA), 256);
    gates.checkInput(prompt);
    gates.checkOutput(
        "class Adder {\n  int add(int a, int b) {\n    return a + b;\n  }\n}\n", Language.JAVA);
    generator.warmUp();
  }

  private void publish(
      JobRecorder recorder, GenerationOutcome outcome, CompletableFuture<GenerationOutcome> job) {
    long publishStart = System.nanoTime();
    recorder
        .allWritten()
        .thenApply(
            done -> {
              timer.record("publish", Duration.ofNanos(System.nanoTime() - publishStart));
              return outcome;
            })
        .whenComplete(
            (written, error) -> {
              if (error != null) {
                job.completeExceptionally(error);
              } else {
                job.complete(written);
              }
            });
  }

  private CompletableFuture<GenerationOutcome> run(
      String jobId,
      GenerationRequested request,
      Language language,
      JobRecorder recorder,
      CompletableFuture<GenerationOutcome> job,
      CompletableFuture<?> cancelled,
      JobTrace trace) {
    if (cancelled.isDone()) {
      return done(cancelled(recorder));
    }
    Optional<RequestValidation.Problem> problem = RequestValidation.problem(request);
    if (problem.isPresent()) {
      Failure failure =
          new Failure(
              FailureReason.INVALID_REQUEST,
              "request." + problem.get().field(),
              problem.get().message());
      recorder.finished(JobStatus.REJECTED, failure, null);
      return done(new GenerationOutcome.Rejected(failure));
    }
    recorder.progressed(
        JobStatus.GENERATING, "generation.started", Map.of("language", language.wireName()));

    long gatesStart = System.nanoTime();
    // Counted as the provider will send it: its model (a request naming none gets the provider's
    // default) and the instructions that go with the prompt.
    String model = generator.modelFor(blankToNull(request.model()));
    JobTrace.Step rails = trace.step("token rails");
    TokenCheck tokenCheck;
    try {
      tokenCheck =
          tokens.check(
              model, request.prompt(), generator.instructions(language), request.maxTokens());
    } finally {
      rails.end();
    }
    if (tokenCheck instanceof TokenCheck.OverLimit over) {
      Map<String, String> detail = tokenFacts(over);
      detail.put("rule", over.rule());
      recorder.progressed(JobStatus.GENERATING, "tokens.rejected", detail);
      return done(
          reject(
              recorder,
              new Failure(FailureReason.TOKEN_LIMIT_EXCEEDED, over.rule(), over.message())));
    }
    TokenCheck.WithinLimits within = (TokenCheck.WithinLimits) tokenCheck;
    if (within.clamped()) {
      Map<String, String> detail = tokenFacts(within);
      detail.put("requested_max_tokens", String.valueOf(within.clampedFrom()));
      detail.put("max_output_tokens", String.valueOf(within.maxOutputTokens()));
      recorder.progressed(JobStatus.GENERATING, "tokens.clamped", detail);
    }
    JobTrace.Step inputGates = trace.step("input gates");
    GateDecision input;
    try {
      input = gates.checkInput(request.prompt());
    } finally {
      inputGates.end();
    }
    timer.record("gates", Duration.ofNanos(System.nanoTime() - gatesStart));
    metrics.gateDecided(gates.inputNames(), input);
    recorder.found(input.findings());
    if (input instanceof GateDecision.Blocked blocked) {
      recorder.progressed(
          JobStatus.GENERATING, "gate.input.rejected", GateFacts.of(gates.inputNames(), blocked));
      return done(reject(recorder, GateFacts.failure("prompt", blocked)));
    }
    Map<String, String> passed = GateFacts.of(gates.inputNames(), input);
    passed.putAll(tokenFacts(within));
    passed.put("max_output_tokens", String.valueOf(within.maxOutputTokens()));
    recorder.progressed(JobStatus.GENERATING, "gate.input.passed", passed);

    ModelRequest modelRequest =
        new ModelRequest(
            jobId,
            request.prompt(),
            language,
            within.maxOutputTokens(),
            model,
            within.inputTokens());
    if (cancelled.isDone()) {
      return done(cancelled(recorder));
    }
    long modelStart = System.nanoTime();
    JobTrace.Step modelCall = trace.step("model call");
    CompletableFuture<ModelResult> call = generator.generate(modelRequest);
    call.whenComplete((result, error) -> modelCall.end());
    // Cancelling the call aborts its HTTP exchange; the job then ends cancelled.
    cancelled.whenComplete((ignored, error) -> call.cancel(true));
    // An abandoned job no longer needs its model call.
    job.whenComplete(
        (result, error) -> {
          if (error != null) {
            call.cancel(true);
          }
        });
    return call.thenApply(
        result -> {
          if (job.isDone()) {
            throw new JobAbandoned(jobId);
          }
          long latencyMillis = Duration.ofNanos(System.nanoTime() - modelStart).toMillis();
          timer.record("model", Duration.ofMillis(latencyMillis));
          metrics.modelCalled(result);
          return answered(recorder, result, latencyMillis, trace);
        });
  }

  private GenerationOutcome answered(
      JobRecorder recorder, ModelResult result, long latencyMillis, JobTrace trace) {
    if (result instanceof ModelResult.Failed failed) {
      return fail(recorder, failed, latencyMillis);
    }
    ModelResult.Answer answer = (ModelResult.Answer) result;

    long outputStart = System.nanoTime();
    JobTrace.Step outputGates = trace.step("output gates");
    GateDecision output;
    try {
      output = gates.checkOutput(answer.text(), recorder.language());
    } finally {
      outputGates.end();
    }
    timer.record("gates", Duration.ofNanos(System.nanoTime() - outputStart));
    metrics.gateDecided(gates.outputNames(), output);
    recorder.found(output.findings());
    if (output instanceof GateDecision.Blocked blocked) {
      recorder.progressed(
          JobStatus.GENERATING, "model.responded", ModelFacts.of(answer, latencyMillis));
      recorder.progressed(
          JobStatus.GENERATING, "gate.output.rejected", GateFacts.of(gates.outputNames(), blocked));
      Failure failure = GateFacts.failure("generated code", blocked);
      recorder.finished(JobStatus.REJECTED, failure, answer);
      return new GenerationOutcome.Rejected(failure);
    }
    Map<String, String> completed = ModelFacts.of(answer, latencyMillis);
    completed.put("output_gates", String.join(",", gates.outputNames()));
    completed.putAll(GateFacts.findings(output));
    recorder.progressed(JobStatus.POST_PROCESSING, "generation.completed", completed);
    recorder.generated(answer);
    return new GenerationOutcome.Generated(answer.provider(), answer.model());
  }

  /** The job's owner cancelled it; whatever it had produced is dropped. */
  private static GenerationOutcome cancelled(JobRecorder recorder) {
    Failure failure = new Failure(FailureReason.CANCELLED, null, "cancelled by its owner");
    recorder.finished(JobStatus.CANCELLED, failure, null);
    return new GenerationOutcome.Cancelled(failure);
  }

  /** A bug, not a provider failure: end the job rather than redeliver it forever. */
  private static GenerationOutcome internalError(JobRecorder recorder) {
    Failure failure =
        new Failure(FailureReason.INTERNAL_ERROR, null, "unexpected error in generation worker");
    recorder.finished(JobStatus.FAILED, failure, null);
    return new GenerationOutcome.Failed(failure);
  }

  private static CompletableFuture<GenerationOutcome> done(GenerationOutcome outcome) {
    return CompletableFuture.completedFuture(outcome);
  }

  private static GenerationOutcome reject(JobRecorder recorder, Failure failure) {
    recorder.finished(JobStatus.REJECTED, failure, null);
    return new GenerationOutcome.Rejected(failure);
  }

  private static GenerationOutcome fail(
      JobRecorder recorder, ModelResult.Failed failed, long latencyMillis) {
    recorder.progressed(
        JobStatus.GENERATING,
        "model.failed",
        Map.of(
            "provider", failed.provider(),
            "model", failed.model(),
            "reason", failed.reason().wireName(),
            "latency_ms", String.valueOf(latencyMillis)));
    Failure failure = new Failure(failed.reason(), failed.provider(), failed.message());
    recorder.finished(JobStatus.FAILED, failure, failed);
    return new GenerationOutcome.Failed(failure);
  }

  /** What the rails counted, for the audit: model, encoding and tokens. */
  private static Map<String, String> tokenFacts(TokenCheck check) {
    Map<String, String> facts = new HashMap<>();
    if (check.model() != null) {
      facts.put("model", check.model());
    }
    facts.put("encoding", check.family().encodingName());
    facts.put("prompt_tokens", String.valueOf(check.promptTokens()));
    facts.put("instruction_tokens", String.valueOf(check.instructionTokens()));
    facts.put("input_tokens", String.valueOf(check.inputTokens()));
    return facts;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
