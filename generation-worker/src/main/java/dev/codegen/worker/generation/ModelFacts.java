package dev.codegen.worker.generation;

import java.util.HashMap;
import java.util.Map;

/** Audit detail of a model answer: who answered, tokens used, how long it took. */
final class ModelFacts {

  private ModelFacts() {}

  static Map<String, String> of(ModelResult.Answer answer, long latencyMillis) {
    Map<String, String> detail = new HashMap<>();
    detail.put("provider", answer.provider());
    detail.put("model", answer.model());
    detail.put("offline", String.valueOf(answer.offline()));
    detail.put("input_tokens", String.valueOf(answer.usage().inputTokens()));
    detail.put("output_tokens", String.valueOf(answer.usage().outputTokens()));
    detail.put("total_tokens", String.valueOf(answer.usage().totalTokens()));
    detail.put("latency_ms", String.valueOf(latencyMillis));
    return detail;
  }
}
