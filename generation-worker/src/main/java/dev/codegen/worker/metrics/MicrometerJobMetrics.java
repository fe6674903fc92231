package dev.codegen.worker.metrics;

import dev.codegen.model.Finding;
import dev.codegen.worker.generation.JobMetrics;
import dev.codegen.worker.generation.ModelResult;
import dev.codegen.worker.generation.gate.GateDecision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The use case's counts as Micrometer counters (Prometheus adds {@code _total}):
 *
 * <ul>
 *   <li>{@code codegen.gate.decisions{gate,rule,decision}}: per text the gates judged, one count
 *       per tier that ran: {@code decision=blocked} with the deciding rule for the tier that
 *       refused the text (or {@code gate=gates} when the gates themselves failed closed, e.g.
 *       {@code rule=gate.timeout}), {@code passed} with {@code rule=none} for the others; and one
 *       {@code decision=finding} count per further finding, tagged with its tier and rule. Rules
 *       are the shipped rule set's ids, so the tags stay bounded.
 *   <li>{@code codegen.tokens{model,direction=input|output}}: tokens the provider reported.
 *   <li>{@code codegen.model.calls{provider,outcome}}: model calls that returned, {@code outcome}
 *       {@code ok} or the failure reason ({@code provider_timeout}, {@code provider_error}, ...).
 * </ul>
 *
 * <p>{@code model} is bounded by {@code modelName}: a request may name any model, the tag may not.
 */
public final class MicrometerJobMetrics implements JobMetrics {

  public static final String GATE_DECISIONS = "codegen.gate.decisions";
  public static final String TOKENS = "codegen.tokens";
  public static final String MODEL_CALLS = "codegen.model.calls";

  private final MeterRegistry registry;
  private final UnaryOperator<String> modelName;
  private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

  /**
   * @param modelName maps a model name onto its tag value (e.g. its family, or {@code other})
   */
  public MicrometerJobMetrics(MeterRegistry registry, UnaryOperator<String> modelName) {
    this.registry = registry;
    this.modelName = modelName;
  }

  @Override
  public void gateDecided(List<String> tiers, GateDecision decision) {
    Finding decisive = decision instanceof GateDecision.Blocked blocked ? blocked.decisive() : null;
    if (decisive != null && !tiers.contains(decisive.gate())) {
      count(
          GATE_DECISIONS,
          1,
          "gate",
          decisive.gate(),
          "rule",
          decisive.rule(),
          "decision",
          "blocked");
    }
    for (String tier : tiers) {
      boolean blocked = decisive != null && tier.equals(decisive.gate());
      count(
          GATE_DECISIONS,
          1,
          "gate",
          tier,
          "rule",
          blocked ? decisive.rule() : "none",
          "decision",
          blocked ? "blocked" : "passed");
    }
    for (Finding finding : decision.findings()) {
      if (finding != decisive) {
        count(
            GATE_DECISIONS,
            1,
            "gate",
            finding.gate(),
            "rule",
            finding.rule(),
            "decision",
            "finding");
      }
    }
  }

  @Override
  public void modelCalled(ModelResult result) {
    String provider = result.provider() == null ? "unknown" : result.provider();
    if (result instanceof ModelResult.Answer answer) {
      count(MODEL_CALLS, 1, "provider", provider, "outcome", "ok");
      if (answer.usage() != null) {
        String model = modelName.apply(answer.model());
        count(TOKENS, answer.usage().inputTokens(), "model", model, "direction", "input");
        count(TOKENS, answer.usage().outputTokens(), "model", model, "direction", "output");
      }
    } else if (result instanceof ModelResult.Failed failed) {
      String outcome = failed.reason() == null ? "unknown" : failed.reason().wireName();
      count(MODEL_CALLS, 1, "provider", provider, "outcome", outcome);
    }
  }

  private void count(String name, double amount, String... tags) {
    List<String> key = new java.util.ArrayList<>(tags.length + 1);
    key.add(name);
    key.addAll(List.of(tags));
    counters
        .computeIfAbsent(
            key,
            k -> Counter.builder(name).description(description(name)).tags(tags).register(registry))
        .increment(amount);
  }

  private static String description(String name) {
    return switch (name) {
      case GATE_DECISIONS -> "Safety gate decisions per tier and rule, and further findings";
      case TOKENS -> "Tokens the model provider reported, per model family and direction";
      default -> "Model calls that returned, per provider and outcome";
    };
  }
}
