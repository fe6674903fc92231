package dev.codegen.gateway.limits;

import dev.codegen.gateway.auth.KeyLimits;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Decides, in order, which of a batch's requests fit their keys' limits, given the usage counted so
 * far; each admitted request adds to the usage the next one sees. Plain Java: {@link UsageLedger}
 * reads and locks the usage, calls this, and writes the result back in the same transaction.
 */
public final class Admission {

  /** The usage row of one key in one period. */
  public record Counter(UUID keyId, Period period, Instant start) {}

  /** What a row has counted: requests, tokens and cost in nano-dollars (reserved plus used). */
  public record Usage(long requests, long tokens, long costNanos) {
    public Usage(long requests, long tokens) {
      this(requests, tokens, 0);
    }

    Usage plus(Request request) {
      return new Usage(requests + 1, tokens + request.tokens(), costNanos + request.costNanos());
    }

    long in(Limit.Unit unit) {
      return switch (unit) {
        case REQUESTS -> requests;
        case TOKENS -> tokens;
        case COST_NANOS -> costNanos;
      };
    }
  }

  /**
   * A request to admit: its job, its key, when it was accepted, and the tokens and cost (in
   * nano-dollars) it reserves.
   */
  public record Request(UUID jobId, UUID keyId, Instant at, long tokens, long costNanos) {
    public Request(UUID jobId, UUID keyId, Instant at, long tokens) {
      this(jobId, keyId, at, tokens, 0);
    }

    long in(Limit.Unit unit) {
      return switch (unit) {
        case REQUESTS -> 1;
        case TOKENS -> tokens;
        case COST_NANOS -> costNanos;
      };
    }
  }

  /** The verdict on one request. */
  public sealed interface Verdict {}

  /** Fits every limit; its usage is counted. */
  public record Admitted() implements Verdict {}

  /**
   * Would exceed {@code limit}.
   *
   * @param value the limit
   * @param counted what the period has counted already
   * @param asked what this request adds (1 request, or its tokens)
   * @param retryAfterSeconds seconds until the period ends
   */
  public record OverLimit(Limit limit, long value, long counted, long asked, long retryAfterSeconds)
      implements Verdict {

    /** Whether the request could never fit, however long it waits. */
    public boolean never() {
      return asked > value;
    }

    /**
     * The one wording of this verdict for people (HTTP problem details, bulk failure messages):
     * names the limit, the key's prefix and the numbers in the limit's unit.
     */
    public String describe(String keyPrefix) {
      String limitOfKey = "limit " + limit.wireName() + " of key " + keyPrefix;
      if (never()) {
        return limitOfKey
            + " is "
            + amount(value)
            + " and this request alone needs "
            + number(asked)
            + ": it can never fit; lower max_tokens or the prompt";
      }
      return limitOfKey
          + " reached: "
          + number(counted)
          + " of "
          + amount(value)
          + " counted this "
          + limit.period().wireName()
          + ", this request needs "
          + number(asked);
    }

    private String number(long n) {
      return limit.unit() == Limit.Unit.COST_NANOS ? "$" + Limit.dollars(n) : Long.toString(n);
    }

    private String amount(long n) {
      return switch (limit.unit()) {
        case REQUESTS -> n + " requests";
        case TOKENS -> n + " tokens";
        case COST_NANOS -> number(n);
      };
    }
  }

  private static final Admitted ADMITTED = new Admitted();

  private Admission() {}

  /**
   * Decides {@code requests} in order against {@code limits} (per key) and {@code usage} (per row;
   * a missing row counts nothing); on return {@code usage} holds the usage with the admitted
   * requests added.
   */
  public static Map<UUID, Verdict> decide(
      List<Request> requests, Map<UUID, KeyLimits> limits, Map<Counter, Usage> usage) {
    Map<UUID, Verdict> verdicts = new LinkedHashMap<>();
    for (Request request : requests) {
      KeyLimits keyLimits = limits.getOrDefault(request.keyId(), KeyLimits.NONE);
      OverLimit over = firstExceeded(request, keyLimits, usage);
      if (over != null) {
        verdicts.put(request.jobId(), over);
        continue;
      }
      for (Period period : Period.values()) {
        Counter counter = new Counter(request.keyId(), period, period.start(request.at()));
        usage.merge(
            counter,
            new Usage(1, request.tokens(), request.costNanos()),
            (a, b) -> a.plus(request));
      }
      verdicts.put(request.jobId(), ADMITTED);
    }
    return verdicts;
  }

  private static OverLimit firstExceeded(
      Request request, KeyLimits keyLimits, Map<Counter, Usage> usage) {
    for (Limit limit : Limit.values()) {
      Long value = limit.of(keyLimits);
      if (value == null) {
        continue;
      }
      Period period = limit.period();
      Usage counted =
          usage.getOrDefault(
              new Counter(request.keyId(), period, period.start(request.at())), new Usage(0, 0));
      long already = counted.in(limit.unit());
      long asked = request.in(limit.unit());
      if (already + asked > value) {
        return new OverLimit(limit, value, already, asked, period.secondsLeft(request.at()));
      }
    }
    return null;
  }

  /** A fresh, mutable usage map. */
  public static Map<Counter, Usage> usage() {
    return new HashMap<>();
  }
}
