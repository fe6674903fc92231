package dev.codegen.gateway.job;

import java.time.Instant;
import java.util.UUID;

/** A job stored and queued for generation. */
public record AcceptedJob(UUID id, Instant createdAt) {}
