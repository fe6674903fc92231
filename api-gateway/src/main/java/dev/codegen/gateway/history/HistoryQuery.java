package dev.codegen.gateway.history;

import java.time.Instant;

/**
 * A validated history request.
 *
 * @param status a status wire name, or {@code null} for all
 * @param language a language wire name, or {@code null} for all
 * @param batchId a batch id, or {@code null} for all
 * @param from inclusive lower bound on created_at, or {@code null}
 * @param to exclusive upper bound on created_at, or {@code null}
 * @param limit page size
 * @param after continue after this position, or {@code null} for the first page
 */
public record HistoryQuery(
    String status,
    String language,
    String batchId,
    Instant from,
    Instant to,
    int limit,
    HistoryCursor after) {}
