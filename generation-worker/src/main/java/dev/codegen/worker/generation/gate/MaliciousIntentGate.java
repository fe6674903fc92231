package dev.codegen.worker.generation.gate;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Requests for code whose purpose is harm: ransomware, keyloggers, credential theft, malware and
 * denial-of-service tools. Naming a threat is not asking for one: keyword rules are skipped when
 * the prompt is defensive ("detect ransomware"), while explicit harmful acts always reject.
 */
final class MaliciousIntentGate implements Gate {

  static final String NAME = "input.malicious_intent";

  private static final Pattern DEFENSIVE =
      Pattern.compile(
          "\\b(detect\\w*|prevent\\w*|protect\\w*|defen[cds]\\w*|mitigat\\w*|scan\\w*"
              + "|identify|classif\\w*|block\\w*|explain\\w*|awareness)\\b",
          Pattern.CASE_INSENSITIVE);

  /** Explicit harmful acts: reject whatever the framing. */
  private static final PatternGate ACTS =
      new PatternGate(
          NAME,
          List.of(
              Rule.of(
                      "malicious.ransomware",
                      "\\bencrypt(s|ing)?\\s+(all\\s+)?(of\\s+)?(the\\s+)?(user'?s?\\s+|victim'?s?\\s+)?"
                          + "(files|disks?|drives?)\\b.{0,80}\\b(ransom|bitcoin|btc|monero"
                          + "|pay(ment)?\\s+(to|for|before)\\s+(decrypt|unlock|the\\s+key))",
                      "asks for ransomware")
                  // the demand, not "encrypt": encrypting files is a common benign request
                  .onlyWith("ransom", "bitcoin", "btc", "monero", "pay"),
              Rule.of(
                      "malicious.credential_theft",
                      "\\b(steal|exfiltrate|harvest|grab|dump|siphon)(s|ing)?\\s+(the\\s+|all\\s+)?"
                          + "((user|victim|other\\s+people)'?s?\\s+|saved\\s+|browser\\s+|stored\\s+)*"
                          + "(passwords?|credentials|cookies|session\\s+tokens?|logins?)"
                          + "|\\bcredential\\s+(stealer|harvester|grabber)"
                          + "|\\bphishing\\s+(page|site|kit|email)",
                      "asks for credential theft")
                  // the verbs also cover "stealer", "harvester" and "grabber"
                  .onlyWith("steal", "exfiltrate", "harvest", "grab", "dump", "siphon", "phishing"),
              Rule.of(
                      "malicious.malware",
                      "\\b(evade|bypass|disable|avoid)\\s+(the\\s+)?(antivirus|anti-virus|edr"
                          + "|windows\\s+defender|av\\s+detection)|\\bself[-\\s]replicating\\b"
                          + "|\\bspreads?\\s+(itself\\s+)?(to|across)\\s+(other\\s+)?(computers|machines"
                          + "|hosts)",
                      "asks for malware")
                  .onlyWith("evade", "bypass", "disable", "avoid", "replicating", "spread"),
              Rule.of(
                      "malicious.ddos",
                      "\\bflood(s|ing)?\\s+(a|the)\\s+(target|victim|server|website|host)\\b"
                          + "|\\btake\\s+down\\s+(a|the)\\s+(website|server)",
                      "asks for a denial-of-service tool")
                  .onlyWith("flood", "down")));

  /** Threat names: reject only when the prompt is not about defending against them. */
  private static final PatternGate NAMES =
      new PatternGate(
          NAME,
          List.of(
              Rule.of("malicious.ransomware", "\\bransomware\\b", "asks for ransomware")
                  .onlyWith("ransomware"),
              Rule.of(
                      "malicious.keylogger",
                      "\\bkey\\s?loggers?\\b|\\b(record|capture|log)s?\\s+(all\\s+|every\\s+)?"
                          + "(of\\s+)?(the\\s+)?(user'?s?\\s+)?keystrokes",
                      "asks for a keylogger")
                  // "key\\s?logger" may hold any one whitespace, so only "logger" is certain
                  .onlyWith("logger", "keystrokes"),
              Rule.of(
                      "malicious.malware",
                      "\\b(malware|trojan|rootkit|botnet|backdoor|computer\\s+virus|spyware)\\b",
                      "asks for malware")
                  .onlyWith(
                      "malware", "trojan", "rootkit", "botnet", "backdoor", "virus", "spyware"),
              Rule.of(
                      "malicious.ddos",
                      "\\bd?dos\\s+(attack|tool|script|bot)|\\bddos\\b|\\b(syn|udp|http)\\s+flood",
                      "asks for a denial-of-service tool")
                  // "d?dos" and "ddos" both hold "dos"
                  .onlyWith("dos", "flood")));

  /** Every rule of this gate, explicit acts first, for tests of their triggers. */
  static List<Rule> rules() {
    return Stream.concat(ACTS.rules().stream(), NAMES.rules().stream()).toList();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public LegacyDecision check(String text) {
    if (text == null || text.isEmpty()) {
      return LegacyDecision.ALLOWED;
    }
    String lower = Rule.lower(text);
    LegacyDecision act = ACTS.check(text, lower);
    if (act instanceof LegacyDecision.Rejected) {
      return act;
    }
    // The defensive allowance only matters when a threat name could match: test it last.
    if (!NAMES.mayReject(lower) || DEFENSIVE.matcher(text).find()) {
      return LegacyDecision.ALLOWED;
    }
    return NAMES.check(text, lower);
  }
}
