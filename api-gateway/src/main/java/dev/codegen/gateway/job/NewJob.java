package dev.codegen.gateway.job;

import dev.codegen.gateway.auth.Caller;
import dev.codegen.gateway.limits.TokenEstimate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A validated job ready to be stored: its row, its {@code job.accepted} audit detail and its outbox
 * payload, all serialized on the request thread so the writer only talks to the database.
 *
 * @param caller whose job it is (its tenant and key)
 * @param reserved the tokens and cost it reserves against its key's limits (none without such)
 * @param idempotency the request's {@code Idempotency-Key}, or {@code null}
 * @param traceparent the W3C traceparent of the span that accepted it, or {@code null}
 */
record NewJob(
    UUID id,
    Caller caller,
    TokenEstimate.Reservation reserved,
    Idempotency idempotency,
    OffsetDateTime createdAt,
    String language,
    String model,
    Integer maxTokens,
    String customId,
    String batchId,
    String metadataJson,
    String auditDetailJson,
    UUID outboxEventId,
    String payloadJson,
    String traceparent) {

  /** Whether the key's limits apply (the bootstrap admin key has none and is not counted). */
  boolean counted() {
    return caller.keyId() != null;
  }
}
