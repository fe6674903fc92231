package dev.codegen.worker.generation.gate;

import java.util.List;

/**
 * The current safety policies, listed explicitly and in the order they run. The first rejection
 * wins, so cheaper and more certain gates come first.
 */
public final class Gates {

  private final List<Gate> input;
  private final List<Gate> output;

  private Gates(List<Gate> input, List<Gate> output) {
    this.input = List.copyOf(input);
    this.output = List.copyOf(output);
  }

  /** The standard policy set. */
  public static Gates standard() {
    return new Gates(
        List.of(
            new SecretsGate("input.secrets"), new PromptInjectionGate(), new MaliciousIntentGate()),
        List.of(
            new SecretsGate("output.secrets"), new DangerousCommandGate(), new InsecureCodeGate()));
  }

  /** Gates applied to the prompt before any model call. */
  public GateDecision checkInput(String prompt) {
    return firstRejection(input, prompt);
  }

  /** Gates applied to the model's output before it leaves the worker. */
  public GateDecision checkOutput(String code) {
    return firstRejection(output, code);
  }

  /** Names of the input gates, in order, for audit records. */
  public List<String> inputNames() {
    return input.stream().map(Gate::name).toList();
  }

  /** Names of the output gates, in order, for audit records. */
  public List<String> outputNames() {
    return output.stream().map(Gate::name).toList();
  }

  private static GateDecision firstRejection(List<Gate> gates, String text) {
    for (Gate gate : gates) {
      GateDecision decision = gate.check(text);
      if (decision instanceof GateDecision.Rejected) {
        return decision;
      }
    }
    return GateDecision.ALLOWED;
  }
}
