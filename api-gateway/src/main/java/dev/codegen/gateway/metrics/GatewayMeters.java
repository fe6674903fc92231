package dev.codegen.gateway.metrics;

import dev.codegen.gateway.limits.Limit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The gateway's job counters, all with low-cardinality tags (never a job id, prompt or key):
 *
 * <ul>
 *   <li>{@code codegen.jobs.accepted{source=http|bulk}}: jobs stored and queued for generation (an
 *       idempotent replay or a refused request is not a new job);
 *   <li>{@code codegen.jobs.finished{status,reason}}: jobs whose first terminal status the
 *       projector applied ({@code reason} is the failure reason, {@code none} for a success);
 *   <li>{@code codegen.limit.refusals{limit}}: requests and bulk records refused by a key's limit.
 * </ul>
 *
 * Prometheus exposes them with {@code _total}, e.g. {@code codegen_jobs_accepted_total}.
 */
@Component
public class GatewayMeters {

  public static final String ACCEPTED = "codegen.jobs.accepted";
  public static final String FINISHED = "codegen.jobs.finished";
  public static final String LIMIT_REFUSALS = "codegen.limit.refusals";

  /** Jobs that came in through {@code POST /generate}. */
  public static final String HTTP = "http";

  /** Jobs that came in as records on the requests topic. */
  public static final String BULK = "bulk";

  private final MeterRegistry registry;
  private final Counter acceptedHttp;
  private final Counter acceptedBulk;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  public GatewayMeters(MeterRegistry registry) {
    this.registry = registry;
    this.acceptedHttp = accepted(HTTP);
    this.acceptedBulk = accepted(BULK);
    // Every limit's counter exists from the start, so its rate starts at zero.
    for (Limit limit : Limit.values()) {
      refusal(limit.wireName());
    }
  }

  /** {@code jobs} new jobs were stored from {@code source} ({@link #HTTP} or {@link #BULK}). */
  public void accepted(String source, int jobs) {
    if (jobs > 0) {
      (BULK.equals(source) ? acceptedBulk : acceptedHttp).increment(jobs);
    }
  }

  /** {@code jobs} jobs ended with {@code status} for {@code reason} (null: no failure). */
  public void finished(String status, String reason, long jobs) {
    String why = reason == null ? "none" : reason;
    counters
        .computeIfAbsent(
            FINISHED + '|' + status + '|' + why,
            k ->
                Counter.builder(FINISHED)
                    .description("Jobs that reached their terminal status")
                    .tag("status", status)
                    .tag("reason", why)
                    .register(registry))
        .increment(jobs);
  }

  /** A request or bulk record was refused by the key's limit {@code limit} (its wire name). */
  public void refused(String limit) {
    refusal(limit).increment();
  }

  private Counter refusal(String limit) {
    return counters.computeIfAbsent(
        LIMIT_REFUSALS + '|' + limit,
        k ->
            Counter.builder(LIMIT_REFUSALS)
                .description("Requests and bulk records refused by a key's limit")
                .tag("limit", limit)
                .register(registry));
  }

  private Counter accepted(String source) {
    return Counter.builder(ACCEPTED)
        .description("Jobs stored and queued for generation")
        .tag("source", source)
        .register(registry);
  }
}
