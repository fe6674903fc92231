package dev.codegen.gateway.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.UUID;

/** One row of a job's audit trail, as {@code GET /jobs/{id}/audit} shows it. */
public record AuditEntry(
    @JsonProperty("event_id") UUID eventId,
    String action,
    String status,
    String source,
    @JsonRawValue String detail,
    @JsonProperty("occurred_at") Instant occurredAt) {}
