package dev.codegen.gateway.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.codegen.gateway.auth.Caller;
import dev.codegen.gateway.metrics.StageTimers;
import dev.codegen.gateway.problem.InvalidRequestException;
import dev.codegen.gateway.problem.ProblemException;
import dev.codegen.gateway.problem.ProblemType;
import dev.codegen.model.JobIds;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Submitting, reading and cancelling jobs. */
@RestController
class JobController {

  static final String LATENCY_HEADER = "X-Codegen-Added-Latency-Ms";
  static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
  private static final int MAX_IDEMPOTENCY_KEY_CHARS = 255;

  private final RequestRules rules;
  private final AcceptJob acceptJob;
  private final JobQueries queries;
  private final CancelJob cancelJob;
  private final Timer acceptTimer;

  JobController(
      JobLimits limits,
      AcceptJob acceptJob,
      JobQueries queries,
      CancelJob cancelJob,
      MeterRegistry registry) {
    this.rules = new RequestRules(limits);
    this.acceptTimer = StageTimers.timer(registry, StageTimers.ACCEPT);
    this.acceptJob = acceptJob;
    this.queries = queries;
    this.cancelJob = cancelJob;
  }

  @PostMapping(
      path = "/generate",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Accepted> generate(
      @RequestBody JsonNode body,
      @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
      @RequestHeader(name = IDEMPOTENCY_HEADER, required = false) String idempotencyKey) {
    long start = System.nanoTime();
    AcceptedJob job;
    try {
      job = acceptJob.accept(valid(body), caller, idempotency(idempotencyKey, body));
    } finally {
      acceptTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
    String millis = millis(System.nanoTime() - start);
    JobView.Links links = JobView.Links.of(job.id());
    return ResponseEntity.accepted()
        .location(URI.create(links.self()))
        .header(LATENCY_HEADER, millis)
        .header("Server-Timing", "accept;dur=" + millis)
        .body(new Accepted(job.id(), "queued", job.createdAt(), links));
  }

  @GetMapping(path = "/jobs/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  JobView job(@PathVariable String id, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
    UUID jobId = parse(id);
    return queries.find(jobId, caller.tenant()).orElseThrow(() -> notFound(id));
  }

  @GetMapping(path = "/jobs/{id}/audit", produces = MediaType.APPLICATION_JSON_VALUE)
  AuditTrail audit(@PathVariable String id, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
    UUID jobId = parse(id);
    if (!queries.exists(jobId, caller.tenant())) {
      throw notFound(id);
    }
    return new AuditTrail(jobId, queries.audit(jobId));
  }

  @PostMapping(path = "/jobs/{id}/cancel", produces = MediaType.APPLICATION_JSON_VALUE)
  JobView cancel(@PathVariable String id, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
    return cancelJob.cancel(parse(id), caller.tenant());
  }

  /**
   * {@code nanos} in milliseconds with three decimals, truncated ("1.234"): String.format took 4%
   * of the gateway's CPU at saturation for these two headers.
   */
  static String millis(long nanos) {
    long micros = Math.max(0, nanos) / 1_000;
    long fraction = micros % 1_000;
    return (micros / 1_000) + (fraction < 10 ? ".00" : fraction < 100 ? ".0" : ".") + fraction;
  }

  /** The request in {@code body}, or a 400 listing every field it breaks. */
  private ValidJobRequest valid(JsonNode body) {
    RequestRules.Checked checked = rules.check(body, RequestRules.Way.HTTP);
    if (checked instanceof RequestRules.Invalid invalid) {
      throw new InvalidRequestException(invalid.errors());
    }
    return ((RequestRules.Valid) checked).request();
  }

  /** The request's Idempotency-Key with a digest of its body, or {@code null} without one. */
  private static Idempotency idempotency(String key, JsonNode body) {
    if (key == null) {
      return null;
    }
    if (key.isBlank()
        || key.length() > MAX_IDEMPOTENCY_KEY_CHARS
        || !key.chars().allMatch(c -> c > ' ' && c <= '~')) {
      throw new InvalidRequestException(
          IDEMPOTENCY_HEADER,
          "must be 1 to " + MAX_IDEMPOTENCY_KEY_CHARS + " printable ASCII characters");
    }
    return Idempotency.of(key, body.toString());
  }

  private static UUID parse(String id) {
    if (!JobIds.isValid(id)) {
      throw notFound(id);
    }
    return UUID.fromString(id);
  }

  private static ProblemException notFound(String id) {
    String shown = id.length() > 64 ? id.substring(0, 64) + "..." : id;
    return new ProblemException(ProblemType.JOB_NOT_FOUND, "no job with id " + shown);
  }

  /** The 202 body of {@code POST /generate}. */
  record Accepted(
      UUID id, String status, @JsonProperty("created_at") Instant createdAt, JobView.Links links) {}

  /** The body of {@code GET /jobs/{id}/audit}. */
  record AuditTrail(@JsonProperty("job_id") UUID jobId, List<AuditEntry> events) {}
}
