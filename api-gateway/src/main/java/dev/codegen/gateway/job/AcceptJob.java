package dev.codegen.gateway.job;

import dev.codegen.model.EventIds;
import dev.codegen.model.GenerationRequested;
import dev.codegen.model.Uuids;
import dev.codegen.wire.EventJson;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Accepts a generation job: the job, its first audit row and the outbox record that will carry
 * {@link GenerationRequested} to Kafka are committed together (with other requests' jobs, see
 * {@link AcceptBatcher}) before this returns. It never waits for Kafka.
 */
@Service
public class AcceptJob {

  private final AcceptBatcher batcher;

  AcceptJob(AcceptBatcher batcher) {
    this.batcher = batcher;
  }

  /**
   * Stores {@code request} as a queued job and returns its id once committed.
   *
   * @throws dev.codegen.gateway.problem.ProblemException 503 when the store cannot take it in time
   */
  public AcceptedJob accept(ValidJobRequest request) {
    UUID id = Uuids.timeOrdered();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    GenerationRequested event = request.toRequested(id.toString(), now);
    Map<String, String> detail = new LinkedHashMap<>();
    detail.put("language", request.language().wireName());
    if (request.maxTokens() != null) {
      detail.put("max_tokens", request.maxTokens().toString());
    }
    // Serialized here, on the request threads, so the writers only talk to the database.
    batcher.store(
        new NewJob(
            id,
            OffsetDateTime.ofInstant(now, ZoneOffset.UTC),
            request.language().wireName(),
            request.model(),
            request.maxTokens(),
            request.customId(),
            request.batchId(),
            EventJson.write(request.metadata()),
            EventJson.write(detail),
            EventIds.requested(id.toString()),
            EventJson.write(event)));
    return new AcceptedJob(id, now);
  }
}
