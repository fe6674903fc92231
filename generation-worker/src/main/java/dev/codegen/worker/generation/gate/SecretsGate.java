package dev.codegen.worker.generation.gate;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credentials in a text: well-known token formats first, then {@code password=} / {@code api_key=}
 * style assignments whose value looks random. Used on prompts (so secrets never reach a model) and
 * on generated code (so a model never hands one out).
 */
final class SecretsGate implements Gate {

  static final String GENERIC_RULE = "secret.generic_assignment";

  private static final List<Rule> FORMATS =
      List.of(
          Rule.caseSensitive(
                  "secret.aws_access_key",
                  "\\b(AKIA|ASIA|AGPA|AIDA|AROA)(?![0-9A-Z]*EXAMPLE)[0-9A-Z]{16}\\b",
                  "contains an AWS access key id")
              .onlyWith("akia", "asia", "agpa", "aida", "aroa"),
          Rule.of(
                  "secret.aws_secret_key",
                  "aws_?secret_?(access_?)?key\\s*[:=]\\s*[\"']?[A-Za-z0-9/+]{40}\\b",
                  "contains an AWS secret access key")
              .onlyWith("secret"),
          Rule.caseSensitive(
                  "secret.github_token",
                  "\\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\\b",
                  "contains a GitHub token")
              .onlyWith("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
          Rule.caseSensitive(
                  "secret.openai_key",
                  "\\bsk-(?!ant-)(proj-|svcacct-|admin-)?(?=[A-Za-z0-9_-]*[0-9])(?=[A-Za-z0-9_-]*[A-Za-z])"
                      + "[A-Za-z0-9_-]{32,}",
                  "contains an OpenAI API key")
              .onlyWith("sk-"),
          Rule.caseSensitive(
                  "secret.anthropic_key",
                  "\\bsk-ant-(api|admin)\\d\\d-[A-Za-z0-9_-]{40,}",
                  "contains an Anthropic API key")
              .onlyWith("sk-ant-"),
          Rule.caseSensitive(
                  "secret.stripe_key",
                  "\\b(sk|rk)_(live|test)_[A-Za-z0-9]{20,}",
                  "contains a Stripe secret key")
              .onlyWith("_live_", "_test_"),
          Rule.caseSensitive(
                  "secret.google_api_key",
                  "\\bAIza[0-9A-Za-z_-]{35}\\b(?<!a{10}\\b)",
                  "contains a Google API key")
              .onlyWith("aiza"),
          Rule.caseSensitive(
                  "secret.gitlab_token", "\\bglpat-[A-Za-z0-9_-]{20,}", "contains a GitLab token")
              .onlyWith("glpat-"),
          Rule.caseSensitive(
                  "secret.npm_token", "\\bnpm_[A-Za-z0-9]{36}\\b", "contains an npm token")
              .onlyWith("npm_"),
          Rule.caseSensitive(
                  "secret.pypi_token",
                  "\\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}",
                  "contains a PyPI token")
              .onlyWith("pypi-"),
          Rule.caseSensitive(
                  "secret.sendgrid_key",
                  "\\bSG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}\\b",
                  "contains a SendGrid key")
              .onlyWith("sg."),
          Rule.caseSensitive(
                  "secret.digitalocean_token",
                  "\\bdo[opr]_v1_[a-f0-9]{64}\\b",
                  "contains a DigitalOcean token")
              .onlyWith("_v1_"),
          Rule.caseSensitive(
                  "secret.databricks_token",
                  "\\bdapi[a-f0-9]{32}(-\\d)?\\b",
                  "contains a Databricks token")
              .onlyWith("dapi"),
          Rule.caseSensitive(
                  "secret.jwt",
                  "\\beyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}",
                  "contains a JSON Web Token")
              .onlyWith("eyj"),
          Rule.caseSensitive(
                  "secret.private_key",
                  "-----BEGIN ((RSA|EC|DSA|OPENSSH|PGP|ENCRYPTED) )?PRIVATE KEY( BLOCK)?-----",
                  "contains a private key block")
              .onlyWith("private key"),
          Rule.caseSensitive(
                  "secret.slack_token",
                  "\\bxox[abposr]-[A-Za-z0-9-]{10,}|https://hooks\\.slack\\.com/services/"
                      + "T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]+",
                  "contains a Slack token or webhook")
              .onlyWith("xox", "hooks.slack.com"));

  /** {@code name = "value"}, {@code name: value}; the value is judged separately. */
  private static final Pattern ASSIGNMENT =
      Pattern.compile(
          "(?i)(?<![A-Za-z0-9])[A-Za-z_]*(password|passwd|pwd|secret|api_?key|access_?key"
              + "|auth_?token|access_?token|client_?secret)\\b[\"']?\\s*(=|:|=>)\\s*([\"']?)"
              + "([A-Za-z0-9+/=_\\-!@#$%^&*.~]{8,})");

  /** Every match of {@link #ASSIGNMENT} holds one of these (lower case). */
  private static final List<String> ASSIGNMENT_TRIGGERS =
      List.of("pass", "pwd", "secret", "key", "token");

  /** Every match of {@link #ASSIGNMENT} holds one of these too: prose about passwords has none. */
  private static final List<String> ASSIGNMENT_OPERATORS = List.of("=", ":");

  private static final Set<String> PLACEHOLDERS =
      Set.of("changeme", "password", "example", "your", "xxxx", "redacted", "dummy", "placeholder");

  /** A run like {@code xxxxxx} or {@code ######}: documentation, not a credential. */
  private static final Pattern FILLER_RUN = Pattern.compile("([A-Za-z0-9#*])\\1{5,}");

  private final String name;

  SecretsGate(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public LegacyDecision check(String text) {
    if (text == null || text.isEmpty()) {
      return LegacyDecision.ALLOWED;
    }
    String lower = Rule.lower(text);
    for (Rule rule : FORMATS) {
      if (!Rule.mayMatch(lower, rule.triggers())) {
        continue;
      }
      Matcher known = rule.pattern().matcher(text);
      while (known.find()) {
        if (!FILLER_RUN.matcher(known.group()).find()) {
          return new LegacyDecision.Rejected(name, rule.id(), rule.reason());
        }
      }
    }
    if (!Rule.mayMatch(lower, ASSIGNMENT_TRIGGERS) || !Rule.mayMatch(lower, ASSIGNMENT_OPERATORS)) {
      return LegacyDecision.ALLOWED;
    }
    Matcher m = ASSIGNMENT.matcher(text);
    while (m.find()) {
      String value = m.group(4);
      boolean quoted = !m.group(3).isEmpty();
      if ((quoted || plainValue(text, m.end(), value)) && looksRandom(value)) {
        return new LegacyDecision.Rejected(
            name,
            GENERIC_RULE,
            "contains a credential-like assignment with a random-looking value");
      }
    }
    return LegacyDecision.ALLOWED;
  }

  /**
   * An unquoted value is often an expression ({@code token = self.token}, {@code key =
   * os.getenv(...)}): count it only when it has a digit and is not a call, index or member access.
   */
  private static boolean plainValue(String text, int end, String value) {
    char next = end < text.length() ? text.charAt(end) : ' ';
    return next != '('
        && next != '['
        && value.indexOf('.') < 0
        && value.chars().anyMatch(Character::isDigit);
  }

  /** Random-looking: varied characters of at least two classes, and not a placeholder word. */
  static boolean looksRandom(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    if (PLACEHOLDERS.stream().anyMatch(lower::contains)) {
      return false;
    }
    int classes = 0;
    classes += value.chars().anyMatch(Character::isLowerCase) ? 1 : 0;
    classes += value.chars().anyMatch(Character::isUpperCase) ? 1 : 0;
    classes += value.chars().anyMatch(Character::isDigit) ? 1 : 0;
    classes += value.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0;
    return classes >= 2 && entropy(value) >= 3.0;
  }

  /** Shannon entropy in bits per character. */
  static double entropy(String value) {
    int[] counts = new int[128];
    int other = 0;
    for (char c : value.toCharArray()) {
      if (c < 128) {
        counts[c]++;
      } else {
        other++;
      }
    }
    double bits = 0;
    double length = value.length();
    for (int count : counts) {
      if (count > 0) {
        double p = count / length;
        bits -= p * (Math.log(p) / Math.log(2));
      }
    }
    if (other > 0) {
      double p = other / length;
      bits -= p * (Math.log(p) / Math.log(2));
    }
    return bits;
  }
}
