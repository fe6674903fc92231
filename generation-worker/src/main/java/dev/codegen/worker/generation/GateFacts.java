package dev.codegen.worker.generation;

import dev.codegen.model.Failure;
import dev.codegen.model.Finding;
import dev.codegen.worker.generation.gate.GateDecision;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** How a gate decision reads in the audit log and in a refused job's failure. */
final class GateFacts {

  /** Audit details list at most this many findings; the job record holds them all. */
  static final int LISTED = 20;

  private GateFacts() {}

  /** The audit detail of a decision: the tiers that ran, the findings and what blocked. */
  static Map<String, String> of(List<String> gates, GateDecision decision) {
    Map<String, String> detail = new LinkedHashMap<>();
    detail.put("gates", String.join(",", gates));
    detail.putAll(findings(decision));
    if (decision instanceof GateDecision.Blocked blocked) {
      Finding decisive = blocked.decisive();
      detail.put("gate", decisive.gate());
      detail.put("rule", decisive.rule());
      detail.put("severity", decisive.severity().wireName());
      if (decisive.cwe() != null) {
        detail.put("cwe", decisive.cwe());
      }
      if (decisive.line() > 0) {
        detail.put("line", String.valueOf(decisive.line()));
      }
    }
    return detail;
  }

  /** How many findings a decision holds and which rules, lines and severities they are. */
  static Map<String, String> findings(GateDecision decision) {
    Map<String, String> detail = new LinkedHashMap<>();
    List<Finding> findings = decision.findings();
    detail.put("findings", String.valueOf(findings.size()));
    if (!findings.isEmpty()) {
      detail.put(
          "finding_rules",
          findings.stream()
              .limit(LISTED)
              .map(GateFacts::summary)
              .collect(Collectors.joining(", ")));
    }
    return detail;
  }

  /** The failure of a job the gates refused: names the deciding rule, never quotes the text. */
  static Failure failure(String subject, GateDecision.Blocked blocked) {
    return Failure.gateRejected(subject, blocked.decisive());
  }

  private static String summary(Finding finding) {
    String where = finding.line() > 0 ? "@" + finding.line() : "";
    return finding.rule() + where + " " + finding.severity().wireName();
  }
}
