package dev.codegen.worker.generation.gate.flow;

import dev.codegen.model.Finding;
import dev.codegen.model.Language;
import dev.codegen.worker.generation.gate.Scanner;
import dev.codegen.worker.generation.gate.TextLines;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The syntax-aware tier of the insecure-code gate: follows untrusted input (request parameters,
 * command-line arguments, standard input, environment) through assignments, string building and
 * calls to the functions the code defines, into sinks (commands, code evaluation, SQL, file paths,
 * URLs, deserialisers, HTML), by the {@link FlowRules}. It reads the code through a {@link
 * CodeMask}, so comments, docstrings and string contents are never taken for code.
 *
 * <p>The analysis is deliberately small: one pass in text order (twice, so that a function defined
 * above its caller sees its tainted parameters), a value is untrusted when its expression mentions
 * a source or an untrusted variable outside a sanitiser's call, and a plain assignment of a trusted
 * value makes a variable trusted again. It has no types, no aliasing and no control flow; what it
 * finds is a named flow from a source to a sink, which is why its findings block.
 */
public final class TaintScanner implements Scanner {

  static final int MAX_FINDINGS = 50;
  private static final int MAX_EVIDENCE = 160;
  private static final int MAX_EXTENT = 4000;

  private static final Pattern IDENTIFIER =
      Pattern.compile("(?<![\\w$.])[A-Za-z_$][\\w$]*(?:\\s*\\.\\s*[A-Za-z_$][\\w$]*)*");
  private static final Pattern WORD = Pattern.compile("[A-Za-z_$][\\w$]*");

  /** A string built around a value: concatenation, formatting or interpolation. */
  private static final Pattern BUILT =
      Pattern.compile(
          "[\"'`][^\"'`\\n]*[\"'`]\\s*(?:\\+|%|\\.\\.|<<)|(?:\\+|%|<<)\\s*[\"'`]|\\$\\{|\\bf[\"']"
              + "|\\$@?\"|\\$\\$\"|\\bformat!?\\s*\\(|\\.format\\s*\\(|Sprintf|\\bFormat\\s*\\("
              + "|\\bconcat\\s*\\(|\\.join\\s*\\(|\\bsprintf\\b|\\bstr(?:n)?cat\\s*\\("
              + "|\\{\\w+\\}");

  private static final Set<String> KEYWORDS =
      Set.of(
          "const",
          "let",
          "var",
          "mut",
          "auto",
          "final",
          "static",
          "val",
          "ref",
          "out",
          "new",
          "this",
          "self",
          "cls",
          "return",
          "await",
          "yield",
          "in",
          "of",
          "if",
          "for",
          "while",
          "def",
          "fn",
          "func",
          "function",
          "true",
          "false",
          "null",
          "None",
          "nil",
          "True",
          "False",
          "async",
          "public",
          "private",
          "protected",
          "readonly",
          "string",
          "int",
          "char",
          "bool",
          "void",
          "unsigned",
          "long",
          "short",
          "double",
          "float",
          "struct",
          "typeof",
          "not",
          "and",
          "or",
          "is",
          "lambda");

  private static final Set<String> NOT_FUNCTIONS =
      Set.of(
          "if", "for", "while", "switch", "catch", "return", "sizeof", "foreach", "using", "lock",
          "elif", "with", "match", "fixed");

  private final String gate;
  private final FlowRules rules;

  public TaintScanner(String gate, FlowRules rules) {
    this.gate = gate;
    this.rules = rules;
  }

  /** The shipped rules under the gate name {@code gate}. */
  public static TaintScanner standard(String gate) {
    return new TaintScanner(gate, FlowRules.standard());
  }

  @Override
  public List<Finding> scan(String text, Language language) {
    if (text == null || text.isEmpty() || language == null) {
      return List.of();
    }
    List<FlowRule> sinks = rules.sinks(language);
    if (sinks.isEmpty()) {
      return List.of();
    }
    String masked = CodeMask.of(text, language);
    return new Analysis(text, masked, language, sinks).run();
  }

  private enum Kind {
    SOURCE_VAR,
    PARAMS,
    ASSIGN,
    APPEND,
    TRANSFER,
    DEF,
    CALL,
    SINK
  }

  /**
   * One thing that happens at a place in the code.
   *
   * @param at where, for ordering
   * @param rule the sink's rule, for a sink
   * @param from where the event's expression starts (after {@code =}, after a call's {@code (})
   * @param names variables the event names (assigned, tainted, parameters)
   * @param built for a transfer: the receiver becomes a built string
   * @param origin for a source: {@link FlowPattern#REMOTE} or {@link FlowPattern#LOCAL}
   */
  private record Event(
      int at, Kind kind, FlowRule rule, int from, List<String> names, boolean built, int origin) {

    Event(int at, Kind kind, FlowRule rule, int from, List<String> names, boolean built) {
      this(at, kind, rule, from, names, built, 0);
    }
  }

  /** One function the code defines: its name, parameter names and where its header is. */
  private record Function(String name, List<String> params, int at, int nameAt) {}

  private final class Analysis {
    private final String text;
    private final String masked;
    private final Language language;
    private final List<FlowRule> sinks;
    private final List<Event> events = new ArrayList<>();
    private char[] innermost;

    /** Spans of source expressions: start, end, origin. */
    private final List<int[]> sourceSpans = new ArrayList<>();

    private final List<int[]> sanitized = new ArrayList<>();

    /** Untrusted variables and the origins of what they hold. */
    private final Map<String, Integer> tainted = new HashMap<>();

    private final Set<String> built = new HashSet<>();
    private final Map<String, Integer> taintedParams = new HashMap<>();
    private final List<Function> functions = new ArrayList<>();

    Analysis(String text, String masked, Language language, List<FlowRule> sinks) {
      this.text = text;
      this.masked = masked;
      this.language = language;
      this.sinks = sinks;
    }

    List<Finding> run() {
      collectSources();
      if (sourceSpans.isEmpty() && events.isEmpty()) {
        return List.of(); // no untrusted input anywhere: nothing can reach a sink
      }
      if (!collectSinks()) {
        return List.of();
      }
      innermost = innermostBrackets(masked);
      collectSanitizers();
      collectAssignments();
      collectTransfers();
      collectFunctions();
      events.sort((a, b) -> Integer.compare(a.at(), b.at()));
      for (int pass = 0; pass < 2; pass++) {
        tainted.clear();
        built.clear();
        for (Event event : events) {
          apply(event);
        }
      }
      List<Finding> findings = new ArrayList<>();
      TextLines lines = new TextLines(text);
      Set<String> seen = new HashSet<>();
      for (Event event : events) {
        if (event.kind() == Kind.SINK && findings.size() < MAX_FINDINGS && sinkHit(event)) {
          int line = lines.lineOf(event.at());
          if (seen.add(event.rule().id() + ":" + line)) {
            FlowRule rule = event.rule();
            findings.add(
                new Finding(
                    gate,
                    rule.id(),
                    rule.cwe(),
                    rule.severity(),
                    line,
                    lines.columnOf(event.at()),
                    evidence(lines.text(line)),
                    rule.message(),
                    rule.fix()));
          }
        }
      }
      return findings;
    }

    /** Adds the sinks' events; false when the code has none. */
    private boolean collectSinks() {
      boolean any = false;
      for (FlowRule rule : sinks) {
        if (rule.requiresMatch() != null && !rule.requiresMatch().matcher(text).find()) {
          continue;
        }
        Matcher m = rule.sink().matcher(masked);
        while (m.find()) {
          if (DEFINITION_BEFORE
              .matcher(masked.substring(Math.max(0, m.start() - 12), m.start()))
              .find()) {
            continue; // the definition of a function that has a sink's name
          }
          events.add(new Event(m.start(), Kind.SINK, rule, m.end(), null, false));
          any = true;
        }
      }
      return any;
    }

    private void collectSources() {
      for (FlowPattern source : rules.sources(language)) {
        Matcher m = source.pattern().matcher(source.onText() ? text : masked);
        while (m.find()) {
          if (source.hasGroup("var")) {
            if (m.group("var") != null) {
              events.add(
                  new Event(
                      m.end(),
                      Kind.SOURCE_VAR,
                      null,
                      m.end(),
                      List.of(m.group("var")),
                      false,
                      source.origin()));
            }
          } else if (source.hasGroup("params")) {
            if (m.group("params") != null) {
              events.add(
                  new Event(
                      m.end(),
                      Kind.PARAMS,
                      null,
                      m.end(),
                      params(m.group("params"), language),
                      false,
                      source.origin()));
            }
          } else if (m.end() > m.start()) {
            sourceSpans.add(new int[] {m.start(), m.end(), source.origin()});
          }
        }
      }
    }

    private void collectSanitizers() {
      for (FlowPattern sanitizer : rules.sanitizers(language)) {
        Matcher m = sanitizer.pattern().matcher(sanitizer.onText() ? text : masked);
        while (m.find()) {
          int end = m.end();
          if (end > 0 && masked.charAt(end - 1) == '(') {
            end = extent(end, FlowRule.ALL, false)[1];
          }
          sanitized.add(new int[] {m.start(), end});
        }
      }
    }

    private void collectTransfers() {
      for (FlowPattern transfer : rules.transfers(language)) {
        Matcher m = transfer.pattern().matcher(masked);
        while (m.find()) {
          if (m.group("var") != null) {
            events.add(
                new Event(
                    m.start(),
                    Kind.TRANSFER,
                    null,
                    m.end(),
                    List.of(m.group("var")),
                    transfer.built()));
          }
        }
      }
    }

    /** Every {@code =} (and {@code :=}, {@code +=}) that assigns a variable outside a call. */
    private void collectAssignments() {
      int n = masked.length();
      for (int k = masked.indexOf('='); k >= 0 && k < n; k = masked.indexOf('=', k + 1)) {
        char next = k + 1 < n ? masked.charAt(k + 1) : '\0';
        char prev = k > 0 ? masked.charAt(k - 1) : '\0';
        if (next == '=' || next == '>' || next == '~' || "=!<>".indexOf(prev) >= 0) {
          continue;
        }
        if (innermost[k] == '(' || innermost[k] == '[') {
          continue;
        }
        boolean append = "+-*/%&|^.".indexOf(prev) >= 0;
        int lhsEnd = append || prev == ':' ? k - 1 : k;
        if (prev == '?'
            || (prev == ':' && language != Language.GO && language != Language.PYTHON)) {
          continue;
        }
        List<String> names = assigned(lhsEnd);
        if (!names.isEmpty()) {
          events.add(new Event(k, append ? Kind.APPEND : Kind.ASSIGN, null, k + 1, names, false));
        }
      }
    }

    private void collectFunctions() {
      Set<Integer> names = new HashSet<>();
      for (Pattern definition : definitions()) {
        Matcher m = definition.matcher(masked);
        while (m.find()) {
          String name = m.group("name");
          if (NOT_FUNCTIONS.contains(name) || !names.add(m.start("name"))) {
            continue;
          }
          Function function =
              new Function(name, params(m.group("params"), language), m.start(), m.start("name"));
          functions.add(function);
          events.add(
              new Event(m.end(), Kind.DEF, null, functions.size() - 1, List.of(name), false));
        }
      }
      Set<String> withParams = new HashSet<>();
      for (Function function : functions) {
        if (!function.params().isEmpty()) {
          withParams.add(function.name());
        }
      }
      if (withParams.isEmpty()) {
        return;
      }
      Matcher call = CALL.matcher(masked);
      while (call.find()) {
        if (withParams.contains(call.group(1)) && !names.contains(call.start())) {
          events.add(
              new Event(call.start(), Kind.CALL, null, call.end(), List.of(call.group(1)), false));
        }
      }
    }

    private List<Pattern> definitions() {
      return switch (language) {
        case PYTHON -> List.of(PY_DEF);
        case JAVASCRIPT, TYPESCRIPT -> List.of(JS_FUNCTION, JS_ARROW, C_DEF);
        case GO -> List.of(GO_DEF);
        case RUST -> List.of(RUST_DEF);
        default -> List.of(C_DEF);
      };
    }

    private void apply(Event event) {
      switch (event.kind()) {
        case SOURCE_VAR, PARAMS -> event.names().forEach(n -> taint(n, event.origin()));
        case DEF -> {
          Function function = functions.get(event.from());
          for (int i = 0; i < function.params().size(); i++) {
            Integer origin = taintedParams.get(function.name() + "#" + i);
            if (origin != null) {
              taint(function.params().get(i), origin);
            }
          }
        }
        case CALL -> {
          Function function = byName(event.names().get(0));
          if (function != null) {
            for (int i = 0; i < function.params().size(); i++) {
              int[] arg = extent(event.from(), i, false);
              int origin = arg[1] > arg[0] ? carries(arg[0], arg[1]) : 0;
              if (origin != 0) {
                taintedParams.merge(function.name() + "#" + i, origin, (a, b) -> a | b);
              }
            }
          }
        }
        case ASSIGN, APPEND -> {
          int[] rhs = extent(event.from(), FlowRule.ALL, true);
          int origin = carries(rhs[0], rhs[1]);
          if (origin != 0) {
            for (String name : event.names()) {
              if (event.kind() == Kind.ASSIGN) {
                tainted.put(name, origin);
              } else {
                taint(name, origin);
              }
            }
            if (builds(rhs[0], rhs[1])) {
              built.addAll(event.names());
            }
          } else if (event.kind() == Kind.ASSIGN) {
            event.names().forEach(tainted::remove);
            event.names().forEach(built::remove);
          }
        }
        case TRANSFER -> {
          int[] rest = extent(event.from(), FlowRule.ALL, false);
          int origin = carries(rest[0], rest[1]);
          if (origin != 0) {
            event.names().forEach(n -> taint(n, origin));
            if (event.built() || builds(rest[0], rest[1])) {
              built.addAll(event.names());
            }
          }
        }
        case SINK -> {}
      }
    }

    private void taint(String name, int origin) {
      tainted.merge(name, origin, (a, b) -> a | b);
    }

    private Function byName(String name) {
      for (Function function : functions) {
        if (function.name().equals(name)) {
          return function;
        }
      }
      return null;
    }

    private boolean sinkHit(Event event) {
      FlowRule rule = event.rule();
      String matched = masked.substring(event.at(), event.from()).stripTrailing();
      boolean call = matched.endsWith("(");
      int[] all = extent(event.from(), FlowRule.ALL, !call);
      if (call && opensBody(all[1] + 1)) {
        return false; // a method that has a sink's name, being defined
      }
      String arguments = text.substring(all[0], all[1]);
      if (rule.argumentRequires() != null && !rule.argumentRequires().matcher(arguments).find()) {
        return false;
      }
      if (rule.argumentUnless() != null && rule.argumentUnless().matcher(arguments).find()) {
        return false;
      }
      int[] arg =
          rule.argument() == FlowRule.ALL ? all : extent(event.from(), rule.argument(), !call);
      if (arg[1] <= arg[0] || (carries(arg[0], arg[1]) & rule.origins()) == 0) {
        return false;
      }
      return !rule.built() || builds(arg[0], arg[1]);
    }

    /**
     * The origins ({@link FlowPattern#REMOTE}, {@link FlowPattern#LOCAL}) of the untrusted input
     * that {@code [from, to)} mentions outside a sanitiser: a source, or an untrusted variable; 0
     * when it mentions none.
     */
    private int carries(int from, int to) {
      int origin = 0;
      for (int[] span : sourceSpans) {
        if (span[0] >= from && span[1] <= to && !isSanitized(span[0])) {
          origin |= span[2];
        }
      }
      if (tainted.isEmpty()) {
        return origin;
      }
      Matcher m = IDENTIFIER.matcher(masked).region(from, to);
      m.useTransparentBounds(true);
      while (m.find()) {
        int found = taintOf(m.group());
        if (found != 0 && !isSanitized(m.start())) {
          origin |= found;
        }
      }
      return origin;
    }

    /** True when {@code [from, to)} builds a string around untrusted input. */
    private boolean builds(int from, int to) {
      if (BUILT.matcher(text).region(from, to).find()) {
        return true;
      }
      Matcher m = IDENTIFIER.matcher(masked).region(from, to);
      m.useTransparentBounds(true);
      while (m.find()) {
        String name = m.group().replaceAll("\\s+", "");
        for (String prefix : prefixes(name)) {
          if (built.contains(prefix)) {
            return true;
          }
        }
      }
      return false;
    }

    private int taintOf(String chain) {
      int origin = 0;
      String name =
          chain.indexOf(' ') >= 0 || chain.indexOf('\n') >= 0 || chain.indexOf('\t') >= 0
              ? chain.replaceAll("\\s+", "")
              : chain;
      if (name.indexOf('.') < 0) {
        return tainted.getOrDefault(name, 0);
      }
      for (String prefix : prefixes(name)) {
        origin |= tainted.getOrDefault(prefix, 0);
      }
      return origin;
    }

    private boolean isSanitized(int at) {
      for (int[] span : sanitized) {
        if (span[0] <= at && at < span[1]) {
          return true;
        }
      }
      return false;
    }

    /**
     * The span of one argument (by {@code position}, or all of them) of a call whose arguments
     * start at {@code from}, or of an expression that ends with its statement when {@code
     * statement}.
     */
    private int[] extent(int from, int position, boolean statement) {
      int n = Math.min(masked.length(), from + MAX_EXTENT);
      int depth = 0;
      int index = 0;
      int start = from;
      int k = from;
      for (; k < n; k++) {
        char c = masked.charAt(k);
        if (c == '(' || c == '[' || c == '{') {
          depth++;
        } else if (c == ')' || c == ']' || c == '}') {
          if (depth == 0) {
            break;
          }
          depth--;
        } else if (depth == 0 && c == ',' && !(statement && position == FlowRule.ALL)) {
          if (position == index) {
            break;
          }
          index++;
          start = k + 1;
        } else if (depth == 0 && c == ';') {
          break;
        } else if (depth == 0 && c == '\n' && statement && !continues(k)) {
          break;
        }
      }
      if (position != FlowRule.ALL && index != position) {
        return new int[] {k, k};
      }
      return new int[] {position == FlowRule.ALL ? from : start, k};
    }

    /** True when the next code from {@code at} opens a block: a definition's body. */
    private boolean opensBody(int at) {
      int k = at;
      while (k < masked.length() && Character.isWhitespace(masked.charAt(k))) {
        k++;
      }
      return k < masked.length() && masked.charAt(k) == '{';
    }

    /** True when the statement goes on past the line break at {@code at}. */
    private boolean continues(int at) {
      int before = at - 1;
      while (before >= 0
          && (masked.charAt(before) == ' '
              || masked.charAt(before) == '\t'
              || masked.charAt(before) == '\r')) {
        before--;
      }
      if (before >= 0 && "+,(\\.=&|?:%".indexOf(masked.charAt(before)) >= 0) {
        return true;
      }
      int after = at + 1;
      while (after < masked.length() && Character.isWhitespace(masked.charAt(after))) {
        after++;
      }
      return after < masked.length() && ".+?".indexOf(masked.charAt(after)) >= 0;
    }

    /** The variables an assignment whose left side ends at {@code end} assigns. */
    private List<String> assigned(int end) {
      int k = end - 1;
      while (k >= 0 && (masked.charAt(k) == ' ' || masked.charAt(k) == '\t')) {
        k--;
      }
      if (k < 0) {
        return List.of();
      }
      char last = masked.charAt(k);
      if (last == '}' || last == ']' || last == ')') {
        int open = opener(k);
        if (open < 0) {
          return List.of();
        }
        int before = open - 1;
        while (before >= 0 && masked.charAt(before) == ' ') {
          before--;
        }
        if (last == ']'
            && before >= 0
            && (Character.isLetterOrDigit(masked.charAt(before)) || masked.charAt(before) == '_')) {
          return lastName(masked.substring(lineStart(before), before + 1));
        }
        return names(masked.substring(open + 1, k));
      }
      String segment = masked.substring(lineStart(k), k + 1);
      if (language == Language.GO) {
        Matcher var = GO_VAR.matcher(segment);
        if (var.find()) {
          return List.of(var.group(1));
        }
      }
      int colon = typeColon(segment);
      if (colon >= 0) {
        segment = segment.substring(0, colon);
      }
      if (segment.indexOf(',') >= 0) {
        List<String> names = new ArrayList<>();
        for (String part : segment.split(",")) {
          names.addAll(lastName(part));
        }
        return names;
      }
      return lastName(segment);
    }

    private int lineStart(int k) {
      int i = k;
      while (i > 0 && "\n;{}(".indexOf(masked.charAt(i - 1)) < 0) {
        i--;
      }
      return i;
    }

    private int opener(int close) {
      int depth = 0;
      for (int i = close; i >= 0 && close - i < MAX_EXTENT; i--) {
        char c = masked.charAt(i);
        if (c == ')' || c == ']' || c == '}') {
          depth++;
        } else if (c == '(' || c == '[' || c == '{') {
          depth--;
          if (depth == 0) {
            return i;
          }
        }
      }
      return -1;
    }
  }

  /** Where a type annotation's {@code :} is in an assignment's left side, or -1. */
  private static int typeColon(String segment) {
    for (int i = 0; i < segment.length(); i++) {
      if (segment.charAt(i) == ':') {
        boolean doubled =
            (i + 1 < segment.length() && segment.charAt(i + 1) == ':')
                || (i > 0 && segment.charAt(i - 1) == ':');
        if (!doubled) {
          return i;
        }
      }
    }
    return -1;
  }

  /** The last name of an expression, as a dotted chain ({@code self.path}, {@code name}). */
  private static List<String> lastName(String segment) {
    Matcher m = IDENTIFIER.matcher(segment);
    String last = null;
    while (m.find()) {
      last = m.group().replaceAll("\\s+", "");
    }
    if (last == null || KEYWORDS.contains(last)) {
      return List.of();
    }
    return List.of(last);
  }

  /** Every plain name in a destructuring pattern. */
  private static List<String> names(String group) {
    List<String> names = new ArrayList<>();
    Matcher m = WORD.matcher(group);
    while (m.find()) {
      if (!KEYWORDS.contains(m.group())) {
        names.add(m.group());
      }
    }
    return names;
  }

  /** Parameter names of a parameter list, in order, without {@code self} and {@code cls}. */
  private static List<String> params(String list, Language language) {
    List<String> names = new ArrayList<>();
    if (list == null) {
      return names;
    }
    for (String part : list.split(",")) {
      String p = part;
      int eq = p.indexOf('=');
      if (eq >= 0) {
        p = p.substring(0, eq);
      }
      int colon = typeColon(p);
      if (colon >= 0) {
        p = p.substring(0, colon);
      }
      Matcher m = WORD.matcher(p);
      String last = null;
      String first = null;
      while (m.find()) {
        if (KEYWORDS.contains(m.group()) && !m.group().equals("self")) {
          continue;
        }
        first = first == null ? m.group() : first;
        last = m.group();
      }
      String name = colon >= 0 ? last : (language == Language.GO ? first : last);
      if (name != null && !name.equals("self") && !name.equals("cls")) {
        names.add(name);
      }
    }
    return names;
  }

  private static Iterable<String> prefixes(String chain) {
    List<String> prefixes = new ArrayList<>();
    int dot = chain.indexOf('.');
    while (dot > 0) {
      prefixes.add(chain.substring(0, dot));
      dot = chain.indexOf('.', dot + 1);
    }
    prefixes.add(chain);
    return prefixes;
  }

  /** For each offset, the innermost bracket open around it ({@code ( [ {}), or 0. */
  private static char[] innermostBrackets(String masked) {
    char[] innermost = new char[masked.length()];
    char[] stack = new char[256];
    int top = 0;
    for (int i = 0; i < masked.length(); i++) {
      char c = masked.charAt(i);
      innermost[i] = top == 0 ? 0 : stack[top - 1];
      if (c == '(' || c == '[' || c == '{') {
        if (top < stack.length) {
          stack[top] = c;
        }
        top++;
      } else if ((c == ')' || c == ']' || c == '}') && top > 0) {
        top--;
      }
      if (top > stack.length) {
        innermost[i] = 0;
      }
    }
    return innermost;
  }

  private static String evidence(String line) {
    String trimmed = line.strip();
    return trimmed.length() <= MAX_EVIDENCE ? trimmed : trimmed.substring(0, MAX_EVIDENCE) + "…";
  }

  private static final Pattern CALL = Pattern.compile("(?<![\\w$])([A-Za-z_$][\\w$]*)\\s*\\(");
  private static final Pattern DEFINITION_BEFORE =
      Pattern.compile("\\b(?:def|function|fn|func|void|int|char|static)\\s+$");
  private static final Pattern GO_VAR = Pattern.compile("\\bvar\\s+(\\w+)");
  private static final Pattern PY_DEF =
      Pattern.compile(
          "^[ \\t]*(?:async\\s+)?def\\s+(?<name>\\w+)\\s*\\((?<params>[^)]*)\\)",
          Pattern.MULTILINE);
  private static final Pattern JS_FUNCTION =
      Pattern.compile("\\bfunction\\s*\\*?\\s*(?<name>[\\w$]+)\\s*\\((?<params>[^)]*)\\)");
  private static final Pattern JS_ARROW =
      Pattern.compile(
          "\\b(?:const|let|var)\\s+(?<name>[\\w$]+)\\s*=\\s*(?:async\\s*)?(?:function\\s*)?"
              + "\\((?<params>[^)]*)\\)");
  private static final Pattern GO_DEF =
      Pattern.compile("\\bfunc\\s+(?:\\([^)]*\\)\\s*)?(?<name>\\w+)\\s*\\((?<params>[^)]*)\\)");
  private static final Pattern RUST_DEF =
      Pattern.compile("\\bfn\\s+(?<name>\\w+)\\s*(?:<[^>{]*>)?\\s*\\((?<params>[^)]*)\\)");
  private static final Pattern C_DEF =
      Pattern.compile(
          "\\b(?<name>\\w+)\\s*\\((?<params>[^()]*)\\)\\s*(?:const\\s*)?(?:noexcept\\s*)?"
              + "(?:throws[^{;]*)?\\{");
}
