package dev.codegen.worker.generation.gate.secrets;

import dev.codegen.model.Finding;
import dev.codegen.model.Language;
import dev.codegen.worker.generation.gate.Scanner;
import dev.codegen.worker.generation.gate.TextLines;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secrets tier of the safety gates: finds credentials (provider tokens and keys, private key
 * blocks, passwords in URLs and connection strings, authorization headers, and high-entropy values
 * assigned to credential-like names) in a prompt or in generated code. Rules come from {@link
 * SecretRules}; each match's value must pass the rule's entropy threshold, structural checks and
 * allow-lists (placeholders, variables, templates, hashes, UUIDs, published example keys). One
 * finding per secret value, the most specific rule winning; evidence is the line with every secret
 * redacted, so a finding never carries a secret. {@link #redact(String)} applies the same redaction
 * to any text, for logs and evidence elsewhere. Never throws.
 */
public final class SecretScanner implements Scanner {

  static final int MAX_FINDINGS = 100;
  private static final int MAX_EVIDENCE = 160;
  private static final int SHORT_VALUE = 16;
  private static final String REDACTED = "[redacted]";
  private static final Pattern DIGIT = Pattern.compile("\\d");

  private final String gate;
  private final SecretRules rules;

  /**
   * A scanner with the standard rules, reporting under {@code gate}, e.g. {@code input.secrets}.
   */
  public SecretScanner(String gate) {
    this(gate, SecretRules.standard());
  }

  SecretScanner(String gate, SecretRules rules) {
    this.gate = gate;
    this.rules = rules;
  }

  /** One detected secret value: its place in the text and the rule that found it. */
  record Hit(int start, int end, SecretRule rule) {}

  @Override
  public List<Finding> scan(String text, Language language) {
    try {
      if (text == null || text.isEmpty()) {
        return List.of();
      }
      List<Hit> hits = hits(text);
      if (hits.isEmpty()) {
        return List.of();
      }
      TextLines lines = new TextLines(text);
      List<Finding> findings = new ArrayList<>(hits.size());
      for (Hit hit : hits) {
        int line = lines.lineOf(hit.start());
        SecretRule rule = hit.rule();
        findings.add(
            new Finding(
                gate,
                rule.id(),
                rule.cwe(),
                rule.severity(),
                line,
                lines.columnOf(hit.start()),
                evidence(text, lines, line, hits),
                rule.message(),
                rule.fix()));
      }
      return findings;
    } catch (RuntimeException | StackOverflowError e) {
      return List.of();
    }
  }

  /**
   * {@code text} with every detected secret value replaced by a short form that does not reveal it:
   * the first four characters and {@code …[redacted]}, or {@code [redacted]} alone for values
   * shorter than 16 characters. Returns {@code text} unchanged when it holds no secret, and never
   * throws (on an internal failure the whole text is withheld).
   */
  public String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    try {
      List<Hit> hits = hits(text);
      if (hits.isEmpty()) {
        return text;
      }
      StringBuilder out = new StringBuilder(text.length());
      int at = 0;
      for (Hit hit : hits) {
        out.append(text, at, hit.start()).append(redacted(text.substring(hit.start(), hit.end())));
        at = hit.end();
      }
      return out.append(text, at, text.length()).toString();
    } catch (RuntimeException | StackOverflowError e) {
      return REDACTED;
    }
  }

  /** The short, non-revealing form of one secret value. */
  static String redacted(String value) {
    if (value.length() < SHORT_VALUE) {
      return REDACTED;
    }
    return value.substring(0, 4) + "…" + REDACTED;
  }

  /** Every secret value in {@code text}, in text order, without overlaps. */
  List<Hit> hits(String text) {
    String lower = asciiLower(text);
    TextLines lines = new TextLines(text);
    List<Hit> accepted = new ArrayList<>();
    int[][] found = rules.keywords().find(lower);
    List<SecretRule> all = rules.rules();
    for (int index = 0; index < all.size(); index++) {
      SecretRule rule = all.get(index);
      if (accepted.size() >= MAX_FINDINGS) {
        break;
      }
      int[] ids = rules.keywordIds(index);
      if (ids.length > 0 && !present(found, ids)) {
        continue;
      }
      try {
        Matcher m = rule.pattern().matcher(text);
        if (rule.multiline() || ids.length == 0) {
          collect(text, rule, m, 0, text.length(), accepted);
        } else {
          int[] regions = regions(found, ids, lines);
          for (int i = 0; i < regions.length; i += 2) {
            collect(text, rule, m, regions[i], regions[i + 1], accepted);
          }
        }
      } catch (RuntimeException | StackOverflowError e) {
        // a rule that fails on this text finds nothing in it; the others still run
      }
    }
    accepted.sort(Comparator.comparingInt(Hit::start));
    return accepted;
  }

  /**
   * The parts of the text a keyword rule needs to see: each line holding one of its keywords and
   * the line after it (a value may follow its name on the next line), merged, as start and end
   * offsets. Running a pattern at every offset of a long text costs far more than finding its
   * keywords.
   */
  /** Lower-cases ASCII letters only, so offsets in the result are offsets in {@code text}. */
  private static String asciiLower(String text) {
    char[] chars = text.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      char c = chars[i];
      if (c >= 'A' && c <= 'Z') {
        chars[i] = (char) (c + 32);
      }
    }
    return new String(chars);
  }

  private static boolean present(int[][] found, int[] ids) {
    for (int id : ids) {
      if (id >= 0 && found[id] != null) {
        return true;
      }
    }
    return false;
  }

  private static int[] regions(int[][] found, int[] ids, TextLines lines) {
    boolean[] marked = new boolean[lines.count() + 1];
    for (int id : ids) {
      if (id >= 0 && found[id] != null) {
        for (int at : found[id]) {
          marked[lines.lineOf(at)] = true;
        }
      }
    }
    int[] regions = new int[2 * lines.count()];
    int n = 0;
    for (int line = 1; line <= lines.count(); line++) {
      if (!marked[line]) {
        continue;
      }
      int start = lines.start(line);
      int last = Math.min(line + 1, lines.count());
      while (last < lines.count() && marked[last]) {
        last++;
      }
      if (last < lines.count() && marked[last]) {
        last++;
      }
      regions[n++] = start;
      regions[n++] = lines.endWithBreak(last);
      line = last;
    }
    return Arrays.copyOf(regions, n);
  }

  private void collect(
      String text, SecretRule rule, Matcher m, int regionStart, int regionEnd, List<Hit> accepted) {
    int from = regionStart;
    while (from < regionEnd && accepted.size() < MAX_FINDINGS) {
      m.region(from, regionEnd);
      m.useTransparentBounds(true);
      if (!m.find()) {
        break;
      }
      int group = secretGroup(m, rule.group());
      int start = group < 0 ? m.start() : m.start(group);
      int end = group < 0 ? m.end() : m.end(group);
      from = m.end() > m.start() ? m.end() : m.end() + 1;
      if (start < 0 || end <= start || overlaps(accepted, start, end)) {
        continue;
      }
      String value = text.substring(start, end);
      if (isSecret(rule, value, withPrefix(text, m.start(), m.end()), lineAround(text, start))) {
        accepted.add(new Hit(start, end, rule));
      } else if (end < m.end()) {
        // a rejected value may hide a real one right after it (e.g. in a list of assignments)
        from = end;
      }
    }
  }

  /**
   * The match with the name it may belong to: keyword patterns start at the keyword, while their
   * allow-lists look at the whole name ({@code RandomAccessIterator}, {@code public_key}).
   */
  private static String withPrefix(String text, int start, int end) {
    int from = start;
    while (from > 0 && start - from < 50 && isNameChar(text.charAt(from - 1))) {
      from--;
    }
    return text.substring(from, end);
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
  }

  private static int secretGroup(Matcher m, int group) {
    if (group >= 0) {
      return m.start(group) >= 0 ? group : -1;
    }
    for (int g = 1; g <= m.groupCount(); g++) {
      if (m.start(g) >= 0 && m.end(g) > m.start(g)) {
        return g;
      }
    }
    return -1;
  }

  private static boolean overlaps(List<Hit> accepted, int start, int end) {
    for (Hit hit : accepted) {
      if (start < hit.end() && hit.start() < end) {
        return true;
      }
    }
    return false;
  }

  private boolean isSecret(SecretRule rule, String value, String match, String line) {
    String trimmed = strip(value);
    if (trimmed.isEmpty()) {
      return false;
    }
    if (rule.entropy() > 0 && entropy(trimmed) < rule.entropy()) {
      return false;
    }
    if (rule.requireDigit() && !DIGIT.matcher(trimmed).find()) {
      return false;
    }
    if (rule.knownPublic().contains(trimmed) || rules.knownPublic().contains(trimmed)) {
      return false;
    }
    if (anyFinds(rules.allow(), trimmed) || anyFinds(rule.allow(), trimmed)) {
      return false;
    }
    if (anyFinds(rule.allowMatch(), match) || anyFinds(rule.allowLine(), line)) {
      return false;
    }
    if (rule.requireLine() != null && !rule.requireLine().matcher(line).find()) {
      return false;
    }
    if (rule.generic()) {
      if (anyFinds(rules.genericAllow(), trimmed)) {
        return false;
      }
      if (encodedText(trimmed) || encodedPlaceholder(trimmed)) {
        return false;
      }
      String lower = trimmed.toLowerCase(Locale.ROOT);
      for (String word : rules.stopwords()) {
        if (lower.contains(word)) {
          return false;
        }
      }
    }
    return !"jwt".equals(rule.validator()) || plausibleJwt(trimmed);
  }

  /** The value without quotes a keyword pattern may have kept. */
  private static String strip(String value) {
    int from = 0;
    int to = value.length();
    while (from < to && "\"'`".indexOf(value.charAt(from)) >= 0) {
      from++;
    }
    while (to > from && "\"'`".indexOf(value.charAt(to - 1)) >= 0) {
      to--;
    }
    return value.substring(from, to);
  }

  private static boolean anyFinds(List<Pattern> patterns, String text) {
    for (Pattern pattern : patterns) {
      if (pattern.matcher(text).find()) {
        return true;
      }
    }
    return false;
  }

  /**
   * A JWT's header and claims, when they read as text, are whole JSON objects; a truncated or
   * corrupted one (documentation, a prefix) is not a token, nor is one whose claims are the
   * well-known sample ones (jwt.io's {@code "sub":"1234567890","name":"John Doe"}, PyJWT's {@code
   * "some":"payload"}), whatever its signature.
   */
  static boolean plausibleJwt(String token) {
    String[] parts = token.split("\\.", -1);
    if (!wholeJson(parts[0])) {
      return false;
    }
    if (parts.length < 2) {
      return true;
    }
    String claims = decoded(parts[1]);
    if (claims == null) {
      return true;
    }
    if (!wholeJson(parts[1])) {
      return false;
    }
    return !SAMPLE_CLAIMS.matcher(claims).find();
  }

  private static final Pattern SAMPLE_CLAIMS =
      Pattern.compile(
          "\"sub\"\\s*:\\s*\"1234567890\"|\"name\"\\s*:\\s*\"(?:John|Jane) Doe\"|\"iat\"\\s*:\\s*1516239022\\b|\"some\"\\s*:\\s*\"payload\"|\"foo\"\\s*:\\s*\"bar\"");

  /** A base64url part as printable text, or {@code null} when it is binary or not base64url. */
  private static String decoded(String part) {
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(part.replace("=", ""));
    } catch (IllegalArgumentException e) {
      return null;
    }
    String text = new String(bytes, StandardCharsets.ISO_8859_1).strip();
    return text.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? text : null;
  }

  /** True unless the part reads as text that is not a whole JSON object. */
  private static boolean wholeJson(String part) {
    String text = decoded(part);
    return text == null || (text.startsWith("{") && text.endsWith("}"));
  }

  private static final Pattern BASE64 =
      Pattern.compile("^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$");

  /**
   * Base64 of ordinary text (a sentence, a JSON or XML snippet) rather than of random bytes: it
   * decodes to printable ASCII that holds a space or starts like a document. An encoded password or
   * key (no spaces, no structure) is still a value.
   */
  static boolean encodedText(String value) {
    if (value.length() < 12 || !BASE64.matcher(value).matches()) {
      return false;
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      return false;
    }
    String decoded = new String(bytes, StandardCharsets.ISO_8859_1);
    if (!decoded.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      return false;
    }
    return decoded.contains(" ") || decoded.startsWith("{\"") || decoded.startsWith("<");
  }

  /**
   * Base64 of a value the allow-list leaves alone ({@code password}, {@code changeme}), as in a
   * Kubernetes Secret's data written for an example.
   */
  private boolean encodedPlaceholder(String value) {
    if (value.length() < 8 || !BASE64.matcher(value).matches()) {
      return false;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.ISO_8859_1);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return decoded.chars().allMatch(c -> c > 0x20 && c < 0x7f) && anyFinds(rules.allow(), decoded);
  }

  /** Shannon entropy in bits per character. */
  static double entropy(String value) {
    int[] counts = new int[128];
    int other = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
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
        bits -= p * Math.log(p);
      }
    }
    if (other > 0) {
      double p = other / length;
      bits -= p * Math.log(p);
    }
    return bits / Math.log(2);
  }

  private static String lineAround(String text, int offset) {
    int start = text.lastIndexOf('\n', offset - 1) + 1;
    int end = text.indexOf('\n', offset);
    return text.substring(start, end < 0 ? text.length() : end);
  }

  /** Line {@code line} with every secret on it redacted, trimmed and cut to a readable length. */
  private static String evidence(String text, TextLines lines, int line, List<Hit> hits) {
    int lineStart = lines.start(line);
    int lineEnd = lines.end(line);
    StringBuilder out = new StringBuilder();
    int at = lineStart;
    for (Hit hit : hits) {
      if (hit.end() <= lineStart || hit.start() >= lineEnd) {
        continue;
      }
      int from = Math.max(hit.start(), lineStart);
      int to = Math.min(hit.end(), lineEnd);
      out.append(text, at, from);
      out.append(
          hit.start() >= lineStart ? redacted(text.substring(hit.start(), hit.end())) : REDACTED);
      at = to;
    }
    out.append(text, at, lineEnd);
    String trimmed = out.toString().strip();
    return trimmed.length() <= MAX_EVIDENCE ? trimmed : trimmed.substring(0, MAX_EVIDENCE) + "…";
  }
}
