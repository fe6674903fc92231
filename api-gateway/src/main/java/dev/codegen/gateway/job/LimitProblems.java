package dev.codegen.gateway.job;

import dev.codegen.gateway.limits.Admission;
import dev.codegen.gateway.problem.ProblemException;
import dev.codegen.gateway.problem.ProblemType;
import java.util.Map;

/** The 429 problem of a request over a limit: names the limit, the numbers and when to retry. */
final class LimitProblems {

  private LimitProblems() {}

  static ProblemException of(Admission.OverLimit over, String keyPrefix) {
    String detail =
        over.never()
            ? over.describe(keyPrefix)
            : over.describe(keyPrefix) + "; retry after " + over.retryAfterSeconds() + " s";
    return new ProblemException(
        ProblemType.RATE_LIMITED,
        detail,
        Map.of("Retry-After", Long.toString(over.retryAfterSeconds())));
  }
}
