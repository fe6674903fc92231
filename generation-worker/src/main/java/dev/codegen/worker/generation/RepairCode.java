package dev.codegen.worker.generation;

import dev.codegen.model.Attempt;
import dev.codegen.model.CodeGenerated;
import dev.codegen.model.Failure;
import dev.codegen.model.FailureReason;
import dev.codegen.model.Finding;
import dev.codegen.model.JobFinished;
import dev.codegen.model.JobProgressed;
import dev.codegen.model.JobStatus;
import dev.codegen.model.RepairRequested;
import dev.codegen.model.TokenUsage;
import dev.codegen.worker.generation.gate.GateDecision;
import dev.codegen.worker.generation.gate.Gates;
import dev.codegen.worker.tokens.TokenCheck;
import dev.codegen.worker.tokens.TokenGuardRails;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The repair round: code that failed a check or a test goes back to the model once, with its
 * diagnostics, under the same token guard rails and output gates as the first answer. The answer
 * leaves as {@link CodeGenerated} of the next attempt (the plugin stages check it again); a repair
 * that cannot be made (over a token limit, the model failed, the gates refused the answer, the job
 * was cancelled) leaves the job's standing outcome ({@link RepairRequested#failed}) as its outcome,
 * with the repair listed as {@code not_made}. Every fact's id carries the attempt, so a redelivered
 * repair repeats its ids and a repair never overwrites the first attempt's facts.
 *
 * <p>The input gates are not run again: the user's prompt passed them on the first attempt, the
 * code passed the output gates, and the diagnostics are the checkers' own text.
 */
public final class RepairCode {

  private static final String SOURCE = JobRecorder.SOURCE;

  private final TokenGuardRails tokens;
  private final Gates gates;
  private final CodeGenerator generator;
  private final JobEvents events;
  private final StageTimer timer;
  private final JobMetrics metrics;
  private final Clock clock;

  public RepairCode(
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
   * Makes the repair and writes what it led to. The future completes once every record is written,
   * fails if one could not be; completing it exceptionally (the worker stops, the partition left)
   * abandons the repair: its model call is cancelled and nothing more is written.
   *
   * @param cancelled completes when the job's owner cancels it: no call is made, a call in flight
   *     is aborted, and the repair is listed as not made
   */
  public CompletableFuture<GenerationOutcome> repair(
      RepairRequested request, CompletableFuture<?> cancelled) {
    return repair(request, cancelled, JobTrace.NONE);
  }

  /**
   * As {@link #repair(RepairRequested, CompletableFuture)}, the records it writes naming {@code
   * trace}'s span as their parent, so attempt 2 stays in the job's one trace.
   */
  public CompletableFuture<GenerationOutcome> repair(
      RepairRequested request, CompletableFuture<?> cancelled, JobTrace trace) {
    Run run = new Run(request, events.within(trace.traceparent()));
    CompletableFuture<GenerationOutcome> job = new CompletableFuture<>();
    CompletableFuture<GenerationOutcome> outcome;
    try {
      outcome = start(run, job, cancelled);
    } catch (RuntimeException e) {
      outcome = CompletableFuture.failedFuture(e);
    }
    outcome.whenComplete(
        (result, error) -> {
          if (job.isDone()) {
            return; // abandoned
          }
          try {
            GenerationOutcome ended = result;
            if (error != null) {
              ended =
                  cancelled.isDone()
                      ? run.notMade(cancelledFailure(), null)
                      : run.notMade(
                          new Failure(
                              FailureReason.INTERNAL_ERROR, null, "unexpected error in repair"),
                          null);
            }
            GenerationOutcome written = ended;
            run.allWritten()
                .whenComplete(
                    (done, failed) -> {
                      if (failed != null) {
                        job.completeExceptionally(failed);
                      } else {
                        job.complete(written);
                      }
                    });
          } catch (RuntimeException e) {
            job.completeExceptionally(e);
          }
        });
    return job;
  }

  private CompletableFuture<GenerationOutcome> start(
      Run run, CompletableFuture<GenerationOutcome> job, CompletableFuture<?> cancelled) {
    if (cancelled.isDone()) {
      return CompletableFuture.completedFuture(run.notMade(cancelledFailure(), null));
    }
    RepairRequested request = run.request;
    JobFinished standing = request.failed();
    String text = RepairPrompt.of(request.prompt(), standing.language(), request.previous());
    String model = generator.modelFor(standing.model());
    TokenCheck check =
        tokens.check(model, text, generator.instructions(standing.language()), request.maxTokens());
    if (check instanceof TokenCheck.OverLimit over) {
      return CompletableFuture.completedFuture(
          run.notMade(
              new Failure(FailureReason.TOKEN_LIMIT_EXCEEDED, over.rule(), over.message()), null));
    }
    TokenCheck.WithinLimits within = (TokenCheck.WithinLimits) check;
    Map<String, String> started = new LinkedHashMap<>();
    started.put("model", model);
    started.put("input_tokens", String.valueOf(within.inputTokens()));
    started.put("max_output_tokens", String.valueOf(within.maxOutputTokens()));
    started.put("diagnostics", String.valueOf(request.previous().diagnostics().size()));
    run.progressed("repair.started", started);
    ModelRequest call =
        new ModelRequest(
            request.jobId(),
            text,
            standing.language(),
            within.maxOutputTokens(),
            model,
            within.inputTokens(),
            new ModelRequest.Repair(request.prompt(), request.attempt()));
    long modelStart = System.nanoTime();
    CompletableFuture<ModelResult> answer = generator.generate(call);
    cancelled.whenComplete((ignored, error) -> answer.cancel(true));
    job.whenComplete(
        (result, error) -> {
          if (error != null) {
            answer.cancel(true);
          }
        });
    return answer.thenApply(
        result -> {
          if (job.isDone()) {
            throw new JobAbandoned(request.jobId());
          }
          long latencyMillis = Duration.ofNanos(System.nanoTime() - modelStart).toMillis();
          timer.record("model", Duration.ofMillis(latencyMillis));
          metrics.modelCalled(result);
          return answered(run, result, latencyMillis);
        });
  }

  private GenerationOutcome answered(Run run, ModelResult result, long latencyMillis) {
    if (result instanceof ModelResult.Failed failed) {
      return run.notMade(new Failure(failed.reason(), failed.provider(), failed.message()), null);
    }
    ModelResult.Answer answer = (ModelResult.Answer) result;
    JobFinished standing = run.request.failed();
    long gatesStart = System.nanoTime();
    GateDecision output = gates.checkOutput(answer.text(), standing.language());
    timer.record("gates", Duration.ofNanos(System.nanoTime() - gatesStart));
    metrics.gateDecided(gates.outputNames(), output);
    if (output instanceof GateDecision.Blocked blocked) {
      run.progressed("gate.output.rejected", GateFacts.of(gates.outputNames(), blocked));
      // The first attempt's code passed the gates; the refused answer is neither returned nor kept.
      return run.notMade(GateFacts.failure("generated code", blocked), answer.usage());
    }
    Map<String, String> completed = ModelFacts.of(answer, latencyMillis);
    completed.putAll(GateFacts.findings(output));
    run.progressed("repair.completed", completed);
    List<Finding> findings = new ArrayList<>(standing.findings());
    findings.addAll(output.findings());
    TokenUsage usage =
        standing.usage() == null ? answer.usage() : standing.usage().plus(answer.usage());
    run.pending.add(
        events.generated(
            new CodeGenerated(
                standing.jobId(),
                standing.customId(),
                standing.batchId(),
                standing.language(),
                answer.text(),
                answer.text(),
                answer.provider(),
                answer.model(),
                answer.offline(),
                usage,
                List.of(),
                null,
                findings,
                standing.metadata(),
                clock.instant(),
                run.request.prompt(),
                run.request.maxTokens(),
                run.request.attempt(),
                standing.attempts())));
    return new GenerationOutcome.Generated(answer.provider(), answer.model());
  }

  private static Failure cancelledFailure() {
    return new Failure(FailureReason.CANCELLED, null, "cancelled by its owner");
  }

  /** One repair's pending writes and the facts it states. */
  private final class Run {

    private final RepairRequested request;
    private final JobEvents events;
    private final List<CompletableFuture<Void>> pending = new ArrayList<>();

    Run(RepairRequested request, JobEvents events) {
      this.request = request;
      this.events = events;
    }

    void progressed(String action, Map<String, String> detail) {
      Map<String, String> withAttempt = new LinkedHashMap<>(detail);
      withAttempt.put("attempt", String.valueOf(request.attempt()));
      JobProgressed fact =
          JobProgressed.fact(
              request.jobId(),
              JobStatus.POST_PROCESSING,
              action,
              "attempt/" + request.attempt() + "/" + action,
              withAttempt,
              SOURCE);
      pending.add(
          events.progressed(
              new JobProgressed(
                  fact.eventId(),
                  fact.jobId(),
                  fact.status(),
                  fact.action(),
                  fact.detail(),
                  fact.source(),
                  clock.instant())));
    }

    /** The standing outcome becomes the job's, the repair listed as not made and why. */
    GenerationOutcome notMade(Failure why, TokenUsage usage) {
      Map<String, String> detail = new LinkedHashMap<>();
      detail.put("reason", why.reason().wireName());
      if (why.rule() != null) {
        detail.put("rule", why.rule());
      }
      progressed("repair.not_made", detail);
      Attempt attempt =
          new Attempt(request.attempt(), Attempt.Verdict.NOT_MADE, null, usage, why, List.of());
      pending.add(events.finished(request.failed().withAttempt(attempt)));
      return new GenerationOutcome.Failed(request.failed().failure());
    }

    CompletableFuture<Void> allWritten() {
      return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new));
    }
  }
}
