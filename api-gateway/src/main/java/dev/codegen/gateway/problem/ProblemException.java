package dev.codegen.gateway.problem;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure that maps straight onto one {@link ProblemType}, with a detail safe for clients and the
 * response headers it needs ({@code Retry-After}, {@code WWW-Authenticate}).
 */
public class ProblemException extends RuntimeException {

  private final ProblemType type;
  private final Map<String, String> headers;

  public ProblemException(ProblemType type, String detail) {
    this(type, detail, Map.of());
  }

  public ProblemException(ProblemType type, String detail, Map<String, String> headers) {
    super(detail, null, false, false);
    this.type = type;
    this.headers = Map.copyOf(new LinkedHashMap<>(headers));
  }

  public ProblemType type() {
    return type;
  }

  /** Headers the response must carry. */
  public Map<String, String> headers() {
    return headers;
  }
}
