package dev.codegen.worker.generation.gate.flow;

import dev.codegen.model.Language;

/**
 * Code with what is not code blanked out: comments become spaces and the contents of string
 * literals become spaces (their quotes stay), while the interpolated parts of a string ({@code
 * ${x}} in a JavaScript template, {@code {x}} in a Python f-string or a C# {@code $"..."} string)
 * stay, because they are code. Line breaks are kept and the length does not change, so an offset in
 * the mask is the same offset in the code. A word in a comment or a docstring is then never taken
 * for a variable, a call or a source.
 */
public final class CodeMask {

  private final String text;
  private final char[] out;
  private final boolean hashComments;
  private final boolean slashComments;
  private final boolean tripleQuotes;
  private final boolean backtickStrings;
  private final boolean backtickInterpolates;
  private final Language language;
  private int i;

  private CodeMask(String text, Language language) {
    this.text = text;
    this.language = language;
    this.out = text.toCharArray();
    this.hashComments =
        language == Language.PYTHON
            || language == Language.RUBY
            || language == Language.BASH
            || language == Language.PHP;
    this.slashComments =
        language != Language.PYTHON
            && language != Language.RUBY
            && language != Language.BASH
            && language != Language.SQL;
    this.tripleQuotes = language == Language.PYTHON;
    this.backtickStrings =
        language == Language.JAVASCRIPT
            || language == Language.TYPESCRIPT
            || language == Language.GO
            || language == Language.KOTLIN;
    this.backtickInterpolates = language == Language.JAVASCRIPT || language == Language.TYPESCRIPT;
  }

  /** {@code text} masked as {@code language} code. */
  public static String of(String text, Language language) {
    CodeMask mask = new CodeMask(text, language);
    mask.run();
    return new String(mask.out);
  }

  private void run() {
    int n = text.length();
    i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (slashComments && c == '/' && peek(1) == '/') {
        lineComment();
      } else if (slashComments && c == '/' && peek(1) == '*') {
        blockComment();
      } else if (hashComments && c == '#' && !(language == Language.PHP && peek(1) == '[')) {
        lineComment();
      } else if (language == Language.SQL && c == '-' && peek(1) == '-') {
        lineComment();
      } else if (c == '"' || c == '\'' || (c == '`' && backtickStrings)) {
        string(c);
      } else {
        i++;
      }
    }
  }

  private char peek(int ahead) {
    int at = i + ahead;
    return at < text.length() ? text.charAt(at) : '\0';
  }

  private void blank(int from, int to) {
    for (int k = from; k < to && k < out.length; k++) {
      if (out[k] != '\n' && out[k] != '\r') {
        out[k] = ' ';
      }
    }
  }

  private void lineComment() {
    int end = text.indexOf('\n', i);
    end = end < 0 ? text.length() : end;
    blank(i, end);
    i = end;
  }

  private void blockComment() {
    int end = text.indexOf("*/", i + 2);
    end = end < 0 ? text.length() : end + 2;
    blank(i, end);
    i = end;
  }

  private void string(char quote) {
    if (quote == '\'' && !singleQuoteIsString()) {
      i++;
      return;
    }
    String prefix = prefixBefore(i);
    boolean raw = prefix.indexOf('r') >= 0 || prefix.indexOf('R') >= 0;
    boolean verbatim = language == Language.CSHARP && prefix.indexOf('@') >= 0;
    boolean interpolates =
        (quote == '`' && backtickInterpolates)
            || (language == Language.PYTHON
                && (prefix.indexOf('f') >= 0 || prefix.indexOf('F') >= 0))
            || (language == Language.CSHARP && prefix.indexOf('$') >= 0);
    boolean braceOnly = quote != '`';
    boolean triple = tripleQuotes && peek(1) == quote && peek(2) == quote;
    int open = triple ? 3 : 1;
    int k = i + open;
    int n = text.length();
    int contentStart = k;
    while (k < n) {
      char c = text.charAt(k);
      if (c == '\\') {
        boolean literal =
            verbatim
                || (quote == '`' && language == Language.GO)
                || (raw && language == Language.RUST);
        k += literal ? 1 : 2;
        continue;
      }
      if (c == '\n' && !triple && quote != '`' && !verbatim) {
        break; // an unterminated string ends at the line
      }
      if (interpolates && braceOnly && c == '{') {
        if (peek(k - i + 1) == '{') {
          k += 2;
          continue;
        }
        blank(contentStart, k);
        k = skipCode(k + 1, '}');
        contentStart = k;
        continue;
      }
      if (interpolates && !braceOnly && c == '$' && k + 1 < n && text.charAt(k + 1) == '{') {
        blank(contentStart, k);
        k = skipCode(k + 2, '}');
        contentStart = k;
        continue;
      }
      if (c == quote) {
        if (verbatim && k + 1 < n && text.charAt(k + 1) == quote) {
          k += 2;
          continue;
        }
        if (triple) {
          if (k + 2 < n && text.charAt(k + 1) == quote && text.charAt(k + 2) == quote) {
            blank(contentStart, k);
            i = k + 3;
            return;
          }
          k++;
          continue;
        }
        blank(contentStart, k);
        i = k + 1;
        return;
      }
      k++;
    }
    blank(contentStart, Math.min(k, n));
    i = Math.min(k, n);
  }

  /** Past the interpolated code that starts at {@code from}, up to its closing {@code close}. */
  private int skipCode(int from, char close) {
    int depth = 0;
    int k = from;
    while (k < text.length()) {
      char c = text.charAt(k);
      if (c == '\n' && language != Language.JAVASCRIPT && language != Language.TYPESCRIPT) {
        return k;
      }
      if (c == '{') {
        depth++;
      } else if (c == close) {
        if (depth == 0) {
          return k + 1;
        }
        depth--;
      }
      k++;
    }
    return k;
  }

  /**
   * In C-like languages and Rust, {@code '} opens a character literal only when one character (or
   * one escape) and a closing quote follow; otherwise it is a Rust lifetime or a stray quote.
   */
  private boolean singleQuoteIsString() {
    return switch (language) {
      case PYTHON, JAVASCRIPT, TYPESCRIPT, PHP, RUBY, BASH, SQL -> true;
      default -> {
        if (peek(1) == '\\') {
          int close = text.indexOf('\'', i + 2);
          yield close > 0 && close - i <= 10;
        }
        yield peek(2) == '\'' && peek(1) != '\n';
      }
    };
  }

  /**
   * The letters (and {@code @ $}) just before a quote: a string prefix like {@code f}, {@code rb}.
   */
  private String prefixBefore(int quoteAt) {
    int k = quoteAt;
    while (k > 0 && quoteAt - k < 3) {
      char c = text.charAt(k - 1);
      if (Character.isLetter(c) || c == '@' || c == '$') {
        k--;
      } else {
        break;
      }
    }
    if (k > 0 && Character.isLetterOrDigit(text.charAt(k - 1))
        || k > 0 && text.charAt(k - 1) == '_') {
      return ""; // part of a longer word, e.g. the end of an identifier
    }
    return text.substring(k, quoteAt);
  }
}
