package dev.codegen.gateway.job;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A validated job ready to be stored: its row, its {@code job.accepted} audit detail and its outbox
 * payload, all serialized on the request thread so the writer only talks to the database.
 */
record NewJob(
    UUID id,
    OffsetDateTime createdAt,
    String language,
    String model,
    Integer maxTokens,
    String customId,
    String batchId,
    String metadataJson,
    String auditDetailJson,
    UUID outboxEventId,
    String payloadJson) {}
