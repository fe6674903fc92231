package dev.codegen.gateway.job;

import dev.codegen.gateway.auth.Caller;
import dev.codegen.gateway.limits.TokenEstimate;
import dev.codegen.gateway.problem.ProblemException;
import dev.codegen.gateway.problem.ProblemType;
import dev.codegen.model.EventIds;
import dev.codegen.model.GenerationRequested;
import dev.codegen.model.Uuids;
import dev.codegen.wire.EventJson;
import dev.codegen.wire.TraceHeaders;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/**
 * Accepts a generation job: the job, its first audit row and the outbox record that will carry
 * {@link GenerationRequested} to Kafka are committed together (with other requests' jobs, see
 * {@link AcceptBatcher}) before this returns, after its key's limits admitted it and its {@code
 * Idempotency-Key}, if any, was claimed for it. It never waits for Kafka.
 */
@Service
public class AcceptJob {

  private final AcceptBatcher batcher;
  private final TokenEstimate estimate;
  private final TraceHeaders traces;
  // Idempotency keys of this instance's requests being stored: a concurrent duplicate gets 409.
  private final Set<String> storing = ConcurrentHashMap.newKeySet();

  AcceptJob(AcceptBatcher batcher, TokenEstimate estimate, TraceHeaders traces) {
    this.batcher = batcher;
    this.estimate = estimate;
    this.traces = traces;
  }

  /**
   * Stores {@code request} as a queued job of {@code caller}'s tenant and returns its id once
   * committed.
   *
   * @throws ProblemException 503 when the store cannot take it in time, 429 over a limit
   */
  public AcceptedJob accept(ValidJobRequest request, Caller caller) {
    return accept(request, caller, null);
  }

  /**
   * As {@link #accept(ValidJobRequest, Caller)}, with an {@code Idempotency-Key}: the same key and
   * body answer the job they created; another body is 422; the same key while its first request is
   * still being stored is 409.
   */
  public AcceptedJob accept(ValidJobRequest request, Caller caller, Idempotency idempotency) {
    String claim = idempotency == null ? null : caller.tenant() + "\n" + idempotency.key();
    if (claim != null && !storing.add(claim)) {
      throw new ProblemException(
          ProblemType.IDEMPOTENCY_IN_PROGRESS,
          "a request with this Idempotency-Key is being stored; retry shortly",
          Map.of("Retry-After", "1"));
    }
    try {
      return store(request, caller, idempotency);
    } finally {
      if (claim != null) {
        storing.remove(claim);
      }
    }
  }

  private AcceptedJob store(ValidJobRequest request, Caller caller, Idempotency idempotency) {
    UUID id = Uuids.timeOrdered();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    GenerationRequested event = request.toRequested(id.toString(), now);
    Map<String, String> detail = new LinkedHashMap<>();
    detail.put("language", request.language().wireName());
    if (request.maxTokens() != null) {
      detail.put("max_tokens", request.maxTokens().toString());
    }
    detail.put("key", caller.prefix());
    TokenEstimate.Reservation reserved =
        caller.keyId() != null && caller.limits().reserves()
            ? estimate.reserve(request.prompt(), request.maxTokens(), request.model())
            : TokenEstimate.Reservation.NONE;
    // Serialized here, on the request threads, so the writers only talk to the database.
    AcceptedJob replay =
        batcher.store(
            new NewJob(
                id,
                caller,
                reserved,
                idempotency,
                OffsetDateTime.ofInstant(now, ZoneOffset.UTC),
                request.language().wireName(),
                request.model(),
                request.maxTokens(),
                request.customId(),
                request.batchId(),
                EventJson.write(request.metadata()),
                EventJson.write(detail),
                EventIds.requested(id.toString()),
                EventJson.write(event),
                // The request's span (continuing the caller's traceparent, or a new trace): the
                // job's records all continue it. Stored with the job, no extra round trip.
                traces.traceparent(traces.current())));
    return replay != null ? replay : new AcceptedJob(id, now);
  }
}
