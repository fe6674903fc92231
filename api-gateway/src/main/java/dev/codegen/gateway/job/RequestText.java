package dev.codegen.gateway.job;

/**
 * Character rules for request text. PostgreSQL refuses U+0000 in {@code text} and {@code jsonb} and
 * cannot encode an unpaired UTF-16 surrogate in UTF-8, so both are refused at the edge rather than
 * failing a shared batch later.
 */
public final class RequestText {

  private static final int SHOWN = 64;

  private RequestText() {}

  /** Whether {@code s} holds only whitespace and invisible characters (format, fillers). */
  public static boolean isBlank(String s) {
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      if (!isInvisible(c)) {
        return false;
      }
      i += Character.charCount(c);
    }
    return true;
  }

  private static boolean isInvisible(int c) {
    if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
      return true;
    }
    int type = Character.getType(c);
    // Cf covers U+200B..U+200D, U+2060 and U+FEFF; the Hangul fillers and the blank braille
    // pattern are letters or symbols by category but render as nothing.
    return type == Character.FORMAT
        || c == 0x115F
        || c == 0x1160
        || c == 0x2800
        || c == 0x3164
        || c == 0xFFA0;
  }

  /** Why {@code s} cannot be stored (it holds NUL or a lone surrogate), or {@code null}. */
  public static String unstorable(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0) {
        return "must not contain U+0000 (NUL)";
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "must not contain an unpaired UTF-16 surrogate";
      }
    }
    return null;
  }

  /** Whether {@code s} holds a C0 or C1 control character (NUL, tab and newline included). */
  public static boolean hasControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** Length in characters (code points), as PostgreSQL counts them. */
  public static int length(String s) {
    return s.codePointCount(0, s.length());
  }

  /** {@code s} as it may be echoed in an error: short, without controls or lone surrogates. */
  public static String shown(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length() && out.length() < SHOWN; i++) {
      char c = s.charAt(i);
      out.append(Character.isISOControl(c) || Character.isSurrogate(c) ? '?' : c);
    }
    return out.length() < s.length() ? out + "..." : out.toString();
  }
}
