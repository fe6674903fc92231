package dev.codegen.worker.generation.gate;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Well-known insecure code patterns, each mapped to its CWE (the rule ids follow the spirit of
 * Meta's Insecure Code Detector). Deliberately few and specific: a false positive here throws away
 * a paid model answer.
 */
final class InsecureCodeGate implements Gate {

  static final String NAME = "output.insecure_code";

  private static final PatternGate SIMPLE =
      new PatternGate(
          NAME,
          List.of(
              Rule.of(
                      "insecure.eval_input",
                      "(?<![.\\w])(eval|exec)\\s*\\(\\s*(?![\"'`\\s)])(?!(input|raw_input)\\b)[A-Za-z_]"
                          + "|(?<![.\\w])(eval|exec)\\s*\\(\\s*(input\\s*\\(|raw_input\\s*\\(|request\\.|req\\."
                          + "(body|query|params)|sys\\.argv|process\\.argv|params\\[|user_?input"
                          + "|location\\.|document\\.)|\\bnew\\s+Function\\s*\\(\\s*(req\\.|request\\."
                          + "|user_?input)",
                      "CWE-95: evaluates user input as code")
                  .onlyWith("eval", "exec", "function"),
              Rule.of(
                      "insecure.shell_true",
                      "\\bsubprocess\\.\\w+\\s*\\([^)]*\\bshell\\s*=\\s*True",
                      "CWE-78: runs a command through the shell (shell=True)")
                  .onlyWith("subprocess"),
              Rule.of(
                      "insecure.os_command_concat",
                      "\\bos\\.(system|popen)\\s*\\(\\s*(f[\"']|[^)\\n]*\\+)"
                          + "|Runtime\\.getRuntime\\(\\)\\.exec\\(\\s*[^)\\n]*\\+"
                          + "|\\bexec(Sync)?\\s*\\(\\s*`[^`]*\\$\\{",
                      "CWE-78: builds a shell command from strings")
                  .onlyWith("system", "popen", "exec"),
              Rule.of(
                      "insecure.command_from_variable",
                      "\\b(cp|child_process)\\.(exec|execSync|spawn|spawnSync)\\s*\\(\\s*(?![\"'`])[A-Za-z_$]"
                          + "|\\bos\\.(system|popen)\\s*\\(\\s*(?![\"'])[A-Za-z_]"
                          + "|Runtime\\.getRuntime\\(\\)\\.exec\\(\\s*(?!\")[A-Za-z_]",
                      "CWE-78: runs a command taken from a variable")
                  .onlyWith("exec", "spawn", "system", "popen"),
              Rule.of(
                      "insecure.pickle_loads",
                      "\\b(c?pickle|_pickle|pkl|dill|cloudpickle)\\.loads?\\s*\\(",
                      "CWE-502: deserializes untrusted data with pickle")
                  .onlyWith(".load"),
              Rule.of(
                      "insecure.yaml_load",
                      "\\byaml\\.(unsafe_)?load\\s*\\((?![^)]*Safe)",
                      "CWE-502: loads YAML with an unsafe loader")
                  .onlyWith("yaml."),
              Rule.caseSensitive(
                      "insecure.weak_cipher",
                      "Cipher\\.getInstance\\(\\s*\"(DES|DESede|RC2|RC4|ARCFOUR|Blowfish|AES\"|[^\"]*/ECB/)"
                          + "|\\b(DES|DES3|ARC4|Blowfish)\\.new\\(|\\bAES\\.MODE_ECB\\b"
                          + "|\\b(des|rc4)\\.New(Triple)?(DES)?Cipher\\(",
                      "CWE-327: uses a broken cipher or ECB mode")
                  .onlyWith("cipher", ".new(", "mode_ecb"),
              Rule.of(
                      "insecure.sql_concat",
                      "\"\\s*(select\\s|insert\\s+into|update\\s+\\w+\\s+set|delete\\s+from)[^\"\\n]*\""
                          + "\\s*(\\+\\s*[\\w(]|%\\s*[\\w(]|\\.format\\s*\\()"
                          + "|'\\s*(select\\s|insert\\s+into|update\\s+\\w+\\s+set|delete\\s+from)[^'\\n]*'"
                          + "\\s*(\\+\\s*[\\w(]|%\\s*[\\w(]|\\.format\\s*\\()"
                          + "|\\bf[\"'](select\\s|insert\\s+into|update\\s|delete\\s+from)[^\"'\\n]*\\{"
                          + "|`(select\\s|insert\\s+into|update\\s|delete\\s+from)[^`]*\\$\\{"
                          + "|\\bSprintf\\(\\s*\"(select\\s|insert\\s+into|update\\s|delete\\s+from)[^\"]*%[sv]",
                      "CWE-89: builds SQL by string concatenation")
                  .onlyWith("select", "insert", "update", "delete")));

  private static final Pattern WEAK_HASH =
      Pattern.compile(
          "hashlib\\.(md5|sha1)\\b|MessageDigest\\.getInstance\\(\\s*\"(MD5|SHA-?1)\""
              + "|createHash\\(\\s*['\"](md5|sha1)['\"]|DigestUtils\\.(md5|sha1)\\w*"
              + "|\\b(md5|sha1)\\.(New|Sum)\\b|\\b(md5|sha1)sum\\b",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern PASSWORD_WORD =
      Pattern.compile("pass(word|wd|phrase)?\\b|pwd", Pattern.CASE_INSENSITIVE);

  private static final Pattern HARDCODED =
      Pattern.compile(
          "(?i)(?<![A-Za-z0-9])[A-Za-z_]*(password|passwd|pwd|secret_?key|api_?key|access_?token"
              + "|auth_?token|client_?secret)\\b[\"']?\\s*(=|:)\\s*[\"']([^\"'\\s$<{]{4,})[\"']");

  /** Every match of {@link #WEAK_HASH} holds one of these (lower case). */
  private static final List<String> WEAK_HASH_TRIGGERS = List.of("md5", "sha1", "sha-1");

  /** Every match of {@link #HARDCODED} holds one of these (lower case). */
  private static final List<String> HARDCODED_TRIGGERS =
      List.of("pass", "pwd", "secret", "key", "token");

  private static final List<String> PLACEHOLDERS =
      List.of("your", "example", "placeholder", "xxx", "...", "here", "dummy", "test");

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
    LegacyDecision simple = SIMPLE.check(text, lower);
    if (simple instanceof LegacyDecision.Rejected) {
      return simple;
    }
    if (Rule.mayMatch(lower, WEAK_HASH_TRIGGERS) && weakPasswordHash(text)) {
      return new LegacyDecision.Rejected(
          NAME, "insecure.weak_password_hash", "CWE-327: hashes passwords with MD5 or SHA-1");
    }
    if (Rule.mayMatch(lower, HARDCODED_TRIGGERS) && hardcodedCredential(text)) {
      return new LegacyDecision.Rejected(
          NAME, "insecure.hardcoded_credentials", "CWE-798: hard-codes a credential");
    }
    return LegacyDecision.ALLOWED;
  }

  /** MD5/SHA-1 are fine for checksums; only near a password do they become CWE-327. */
  private static boolean weakPasswordHash(String text) {
    Matcher m = WEAK_HASH.matcher(text);
    while (m.find()) {
      int from = Math.max(0, m.start() - 200);
      int to = Math.min(text.length(), m.end() + 200);
      if (PASSWORD_WORD.matcher(text.substring(from, to)).find()) {
        return true;
      }
    }
    return false;
  }

  private static boolean hardcodedCredential(String text) {
    Matcher m = HARDCODED.matcher(text);
    while (m.find()) {
      String value = m.group(3).toLowerCase(Locale.ROOT);
      if (PLACEHOLDERS.stream().noneMatch(value::contains)) {
        return true;
      }
    }
    return false;
  }
}
