package dev.codegen.worker.generation.gate;

import dev.codegen.model.Finding;
import dev.codegen.model.Language;
import dev.codegen.model.Severity;
import dev.codegen.worker.generation.gate.code.CodeRules;
import dev.codegen.worker.generation.gate.code.InsecureCodeScanner;
import dev.codegen.worker.generation.gate.flow.TaintScanner;
import dev.codegen.worker.generation.gate.prompt.PromptScanner;
import dev.codegen.worker.generation.gate.secrets.SecretScanner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * The safety gates: every tier scans the text, the evidence of every finding is redacted, and the
 * {@link GatePolicy} decides. Fails closed: a tier that throws, or a scan that does not finish in
 * time, refuses the job whatever the policy, and the caller's thread is never held longer than the
 * time limit.
 */
public final class Gates implements AutoCloseable {

  /** The gate name of the refusals the gates make about themselves (error, timeout). */
  public static final String SELF = "gates";

  /** One tier: a scanner and the name it is listed under in audit records. */
  public record Tier(String name, Scanner scanner) {}

  private static final AtomicInteger THREADS = new AtomicInteger();

  private final List<Tier> input;
  private final List<Tier> output;
  private final GatePolicy policy;
  private final UnaryOperator<String> redactor;
  private final Duration timeout;
  private final ExecutorService pool =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "gates-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          });

  /**
   * @param redactor applied to every finding's evidence: hides secrets other tiers quoted
   */
  public Gates(
      List<Tier> input,
      List<Tier> output,
      GatePolicy policy,
      UnaryOperator<String> redactor,
      Duration timeout) {
    this.input = List.copyOf(input);
    this.output = List.copyOf(output);
    this.policy = policy;
    this.redactor = redactor;
    this.timeout = timeout;
  }

  /** The shipped tiers under {@code policy}. */
  public static Gates standard(GatePolicy policy, Duration timeout) {
    SecretScanner inputSecrets = new SecretScanner("input.secrets");
    return new Gates(
        List.of(
            new Tier("input.secrets", inputSecrets),
            new Tier("input.prompt", PromptScanner.standard())),
        List.of(
            new Tier("output.secrets", new SecretScanner("output.secrets")),
            new Tier(
                "output.insecure_code",
                new InsecureCodeScanner("output.insecure_code", CodeRules.standard())),
            new Tier("output.insecure_flow", TaintScanner.standard("output.insecure_flow"))),
        policy,
        inputSecrets::redact,
        timeout);
  }

  /** The standard tiers, blocking at medium, two seconds to decide. */
  public static Gates standard() {
    return standard(GatePolicy.STANDARD, Duration.ofSeconds(2));
  }

  /** Gates applied to the prompt before any model call. */
  public GateDecision checkInput(String prompt) {
    return check(input, prompt, null);
  }

  /** Gates applied to the model's output before it leaves the worker. */
  public GateDecision checkOutput(String code, Language language) {
    return check(output, code, language);
  }

  /** The input tiers, in the order they run. */
  public List<Tier> inputTiers() {
    return input;
  }

  /** The output tiers, in the order they run. */
  public List<Tier> outputTiers() {
    return output;
  }

  /** What the findings of these gates lead to. */
  public GatePolicy policy() {
    return policy;
  }

  /** Names of the input tiers, in order, for audit records. */
  public List<String> inputNames() {
    return input.stream().map(Tier::name).distinct().toList();
  }

  /** Names of the output tiers, in order, for audit records. */
  public List<String> outputNames() {
    return output.stream().map(Tier::name).distinct().toList();
  }

  private GateDecision check(List<Tier> tiers, String text, Language language) {
    if (text == null || text.isEmpty()) {
      return new GateDecision.Passed(List.of());
    }
    CompletableFuture<List<Finding>> scan =
        CompletableFuture.supplyAsync(() -> scanAll(tiers, text, language), pool);
    try {
      return policy.decide(scan.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      scan.cancel(true);
      return refused(
          "gate.timeout", "the safety gates did not finish within " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      return refused(
          "gate.error", "a safety gate failed (" + e.getCause().getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return refused("gate.interrupted", "the worker stopped while the gates ran");
    }
  }

  private List<Finding> scanAll(List<Tier> tiers, String text, Language language) {
    List<Finding> findings = new ArrayList<>();
    for (Tier tier : tiers) {
      for (Finding finding : tier.scanner().scan(text, language)) {
        findings.add(redacted(finding));
      }
    }
    return findings;
  }

  private Finding redacted(Finding finding) {
    if (finding.evidence() == null) {
      return finding;
    }
    return new Finding(
        finding.gate(),
        finding.rule(),
        finding.cwe(),
        finding.severity(),
        finding.line(),
        finding.column(),
        redactor.apply(finding.evidence()),
        finding.message(),
        finding.fix());
  }

  /** Fails closed: whatever the policy, a text the gates could not judge does not pass. */
  private static GateDecision refused(String rule, String message) {
    Finding finding =
        new Finding(
            SELF,
            rule,
            null,
            Severity.CRITICAL,
            0,
            0,
            null,
            message + "; the job is refused rather than passed unchecked",
            "retry the job; if it is refused again, report its job id");
    return new GateDecision.Blocked(finding, List.of(finding));
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
