package dev.codegen.gateway.job;

import dev.codegen.gateway.problem.ProblemException;
import java.util.Map;
import java.util.UUID;

/**
 * What the store made of the jobs of a batch that were not simply stored, by the id each job was
 * given on the request thread.
 *
 * @param replays requests whose {@code Idempotency-Key} names a job stored before: that job
 * @param refusals requests refused (a limit, a revoked key, an idempotency key reused)
 */
record StoreResult(Map<UUID, AcceptedJob> replays, Map<UUID, ProblemException> refusals) {

  static final StoreResult ALL_STORED = new StoreResult(Map.of(), Map.of());
}
