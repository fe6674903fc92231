package dev.codegen.gateway.job;

import dev.codegen.gateway.limits.Admission;
import dev.codegen.gateway.problem.ProblemException;
import dev.codegen.gateway.problem.ProblemType;
import java.util.Map;

/** The 429 problem of a request over a limit: names the limit, the numbers and when to retry. */
final class LimitProblems {

  private LimitProblems() {}

  static ProblemException of(Admission.OverLimit over, String keyPrefix) {
    String unit = over.limit().tokens() ? " tokens" : " requests";
    String period = over.limit().period().wireName();
    String detail =
        over.never()
            ? "limit "
                + over.limit().wireName()
                + " of key "
                + keyPrefix
                + " is "
                + over.value()
                + unit
                + " and this request alone needs "
                + over.asked()
                + ": it can never fit; lower max_tokens or the prompt"
            : "limit "
                + over.limit().wireName()
                + " of key "
                + keyPrefix
                + " reached: "
                + over.counted()
                + " of "
                + over.value()
                + unit
                + " counted this "
                + period
                + ", this request needs "
                + over.asked()
                + "; retry after "
                + over.retryAfterSeconds()
                + " s";
    return new ProblemException(
        ProblemType.RATE_LIMITED,
        detail,
        Map.of("Retry-After", Long.toString(over.retryAfterSeconds())));
  }
}
