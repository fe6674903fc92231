package dev.codegen.launcher.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/ops/alerts.yml} passes {@code promtool check rules} and the alert unit tests of
 * {@code docs/ops/alerts-test.yml} ({@code promtool test rules}); promtool comes with the Debian
 * package {@code prometheus}, which {@code bin/setup-checkers} installs. Those tests skip only
 * where promtool is absent.
 */
class AlertRulesTests {

  @Test
  void promtoolAcceptsTheAlertRules() throws Exception {
    assertThat(promtool("check", "rules", OpsDocs.ALERTS.toString())).contains("SUCCESS");
  }

  @Test
  void theAlertsFireWhereTheirUnitTestsSayAndNowhereElse() throws Exception {
    // docs/ops/alerts-test.yml: series in, alerts (labels and annotations) expected out.
    assertThat(promtool("test", "rules", OpsDocs.DIRECTORY.resolve("alerts-test.yml").toString()))
        .contains("SUCCESS");
  }

  private static String promtool(String... arguments) throws Exception {
    Path promtool = onPath("promtool");
    assumeTrue(promtool != null, "promtool is not installed (bin/setup-checkers installs it)");
    List<String> command = new ArrayList<>();
    command.add(promtool.toString());
    command.addAll(List.of(arguments));
    Process run = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("promtool ended").isTrue();
    assertThat(run.exitValue()).as(output).isZero();
    return output;
  }

  @Test
  void everyAlertAndTheDashboardUseCodegenOrKafkaMeters() throws Exception {
    assertThat(OpsDocs.alertExpressions()).hasSizeGreaterThanOrEqualTo(6);
    assertThat(OpsDocs.dashboardExpressions()).hasSizeGreaterThanOrEqualTo(15);
    assertThat(
            OpsDocs.metricNames(
                "histogram_quantile(0.99, sum by (le, stage) (rate(codegen_worker_stage_seconds_bucket{stage=\"model\"}[$__rate_interval])))"
                    + " / max(codegen_outbox_backlog) > 0 and absent(up{job=\"x\"})"))
        .containsExactly("codegen_outbox_backlog", "codegen_worker_stage_seconds_bucket", "up");
  }

  private static Path onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, tool);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
