package dev.codegen.worker.generation;

import dev.codegen.model.CodeGenerated;
import dev.codegen.model.Failure;
import dev.codegen.model.Finding;
import dev.codegen.model.GenerationRequested;
import dev.codegen.model.JobFinished;
import dev.codegen.model.JobProgressed;
import dev.codegen.model.JobStatus;
import dev.codegen.model.Language;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Writes one job's facts through {@link JobEvents} and remembers every pending write. */
final class JobRecorder {

  static final String SOURCE = "generation-worker";

  private final JobEvents events;
  private final Clock clock;
  private final String jobId;
  private final GenerationRequested request;
  private final Language language;
  private final List<CompletableFuture<Void>> pending = new ArrayList<>();
  private final List<Finding> findings = new ArrayList<>();

  JobRecorder(
      JobEvents events, Clock clock, String jobId, GenerationRequested request, Language language) {
    this.events = events;
    this.clock = clock;
    this.jobId = jobId;
    this.request = request;
    this.language = language;
  }

  void progressed(JobStatus status, String action, Map<String, String> detail) {
    pending.add(events.progressed(JobProgressed.now(jobId, status, action, detail, SOURCE)));
  }

  /** The job's language, or {@code null} when the request named none we support. */
  Language language() {
    return language;
  }

  /** Keeps what a gate found: it travels with the job to its outcome. */
  void found(List<Finding> found) {
    findings.addAll(found);
  }

  void finished(JobStatus status, Failure failure, ModelResult model) {
    ModelResult.Answer answer = model instanceof ModelResult.Answer a ? a : null;
    pending.add(
        events.finished(
            new JobFinished(
                jobId,
                request.customId(),
                request.batchId(),
                status,
                language,
                null,
                model == null ? null : model.provider(),
                model == null ? null : model.model(),
                answer != null && answer.offline(),
                answer == null ? null : answer.usage(),
                List.of(),
                failure,
                findings,
                request.metadata(),
                clock.instant())));
  }

  void generated(ModelResult.Answer answer) {
    pending.add(
        events.generated(
            new CodeGenerated(
                jobId,
                request.customId(),
                request.batchId(),
                language,
                answer.text(),
                answer.text(),
                answer.provider(),
                answer.model(),
                answer.offline(),
                answer.usage(),
                List.of(),
                null,
                findings,
                request.metadata(),
                clock.instant(),
                // Carried so that code failing a check can go back to the model once.
                request.prompt(),
                request.maxTokens(),
                1,
                List.of())));
  }

  /** Completes when every write so far is acknowledged; fails if any failed. */
  CompletableFuture<Void> allWritten() {
    return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new));
  }
}
