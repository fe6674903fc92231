package dev.codegen.worker.generation.gate.flow;

import dev.codegen.model.Language;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A language-specific pattern of the data-flow tier other than a sink: a source of untrusted input,
 * a sanitiser that makes a value safe, or a transfer that copies a value into a variable without an
 * {@code =} (e.g. {@code strcpy(dst, src)}, {@code sb.Append(x)}).
 *
 * <p>A source whose pattern has a group {@code var} taints the variable that group names (e.g.
 * {@code fgets(buf, ...)} taints {@code buf}); a group {@code params} taints every parameter of the
 * function header it caught (e.g. a web route's handler); otherwise the match itself is untrusted
 * input wherever it appears in an expression. A transfer's {@code var} group names the variable
 * that receives what the rest of the call carries.
 *
 * @param id names the pattern in rule files and tests
 * @param languages where it applies
 * @param pattern what it matches; sources run on code with comments and strings blanked, unless
 *     {@code onText}
 * @param onText true when the pattern must see string contents (e.g. a route template)
 * @param built for a transfer: true when the receiving variable becomes a built string (strcat,
 *     sprintf, append)
 * @param origin for a source: {@link #REMOTE} (a network peer: request parameters, socket data, a
 *     page's URL) or {@link #LOCAL} (whoever runs the program: argv, stdin, environment)
 */
public record FlowPattern(
    String id,
    Set<Language> languages,
    Pattern pattern,
    boolean onText,
    boolean built,
    int origin) {

  /** Input from a network peer. */
  public static final int REMOTE = 1;

  /** Input from whoever runs the program (arguments, standard input, environment). */
  public static final int LOCAL = 2;

  public FlowPattern {
    languages = Set.copyOf(languages);
  }

  /** True when the pattern has a group named {@code name}. */
  boolean hasGroup(String name) {
    return pattern.pattern().contains("(?<" + name + ">");
  }
}
