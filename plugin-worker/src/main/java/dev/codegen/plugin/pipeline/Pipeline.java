package dev.codegen.plugin.pipeline;

import dev.codegen.model.CodeGenerated;
import dev.codegen.model.JobIds;
import dev.codegen.model.Language;
import dev.codegen.model.TokenUsage;
import dev.codegen.model.Topics;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The configured order of plugin stages. Stage 0 reads {@link Topics#GENERATED}, stage i reads
 * {@code Topics.stage(name_i)} and the last writes {@link Topics#OUTCOMES}.
 */
public final class Pipeline {

  private static final String WARM_UP_ANSWER =
      "```java\npublic class Adder {\n  public int add(int a, int b) {\n    return a + b;\n  }\n}\n```\n";

  private final List<Stage> stages;

  private Pipeline(List<Stage> stages) {
    this.stages = List.copyOf(stages);
  }

  /**
   * Builds the pipeline for {@code order} from the available plugins.
   *
   * @throws IllegalArgumentException naming the offending entry when the order is empty, names an
   *     unknown plugin or names one twice (two stages cannot share an input topic)
   */
  public static Pipeline of(
      List<String> order, List<? extends Plugin> available, StageRunner runner, Clock clock) {
    return of(order, available, runner, clock, FindingPolicy.STANDARD, false);
  }

  /**
   * Builds the pipeline with the policy that decides which of the plugins' safety findings refuse a
   * job; with {@code requireCompleteChecks} a job whose checks are incomplete ends {@code failed}
   * with reason {@code check_incomplete} instead of {@code succeeded}.
   *
   * @throws IllegalArgumentException as {@link #of(List, List, StageRunner, Clock)}
   */
  public static Pipeline of(
      List<String> order,
      List<? extends Plugin> available,
      StageRunner runner,
      Clock clock,
      FindingPolicy policy,
      boolean requireCompleteChecks) {
    return of(order, available, runner, clock, policy, requireCompleteChecks, false);
  }

  /**
   * Builds the pipeline; with {@code repair} code that fails a check or a test on its first attempt
   * is sent back to the model once with the diagnostics ({@link StageOutcome.Repair}).
   *
   * @throws IllegalArgumentException as {@link #of(List, List, StageRunner, Clock)}
   */
  public static Pipeline of(
      List<String> order,
      List<? extends Plugin> available,
      StageRunner runner,
      Clock clock,
      FindingPolicy policy,
      boolean requireCompleteChecks,
      boolean repair) {
    Map<String, Plugin> byName = new LinkedHashMap<>();
    available.forEach(p -> byName.put(p.name(), p));
    List<String> names = order == null ? List.of() : order.stream().map(String::strip).toList();
    if (names.isEmpty() || names.stream().allMatch(String::isEmpty)) {
      throw new IllegalArgumentException(
          "No plugins configured (CODEGEN_PLUGINS / codegen.plugins); known plugins: "
              + byName.keySet());
    }
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (!byName.containsKey(name)) {
        throw new IllegalArgumentException(
            "Unknown plugin '"
                + name
                + "' in CODEGEN_PLUGINS / codegen.plugins "
                + names
                + "; known plugins: "
                + byName.keySet());
      }
      if (!seen.add(name)) {
        throw new IllegalArgumentException(
            "Plugin '" + name + "' appears twice in CODEGEN_PLUGINS / codegen.plugins " + names);
      }
    }
    List<Stage> stages = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String input = i == 0 ? Topics.GENERATED : Topics.stage(names.get(i));
      String next = i + 1 < names.size() ? names.get(i + 1) : null;
      stages.add(
          new Stage(
              byName.get(names.get(i)),
              input,
              next,
              runner,
              clock,
              policy,
              requireCompleteChecks,
              repair));
    }
    return new Pipeline(stages);
  }

  /** The stages in order. */
  public List<Stage> stages() {
    return stages;
  }

  /**
   * Runs a sample Java job through every stage, as a job would go (each stage's forwarded artifact
   * is the next one's input), and discards what they emit. A fresh plugin worker does this before
   * its consumers join their groups: the plugins' first run (class loading, the compiler, the
   * formatter) would otherwise hold up the first jobs of every partition that moves to it.
   */
  public void warmUp() {
    CodeGenerated job =
        new CodeGenerated(
            JobIds.random(),
            null,
            null,
            Language.JAVA,
            WARM_UP_ANSWER,
            WARM_UP_ANSWER,
            "warm-up",
            "warm-up",
            true,
            TokenUsage.of(8, 32),
            List.of(),
            List.of(),
            Map.of(),
            Instant.EPOCH);
    for (Stage stage : stages) {
      if (!(stage.process(job) instanceof StageOutcome.Forward forward)) {
        return;
      }
      job = forward.artifact();
    }
  }

  /** Every topic a stage reads, in stage order. */
  public List<String> inputTopics() {
    return stages.stream().map(Stage::inputTopic).toList();
  }
}
