package dev.codegen.plugin.syntax;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The few JSON lines the checker processes speak: a request object of strings written, an answer
 * read into maps, lists, strings, numbers ({@code Long} or {@code Double}), booleans and nulls.
 * Plugins stay free of the wire library (ArchUnit), and this protocol needs no more.
 */
final class JsonLine {

  private final String text;
  private int at;

  private JsonLine(String text) {
    this.text = text;
  }

  /** One JSON object of string members, on one line. */
  static String object(Map<String, String> members) {
    StringBuilder out = new StringBuilder("{");
    members.forEach(
        (name, value) -> {
          if (out.length() > 1) {
            out.append(',');
          }
          quote(out, name);
          out.append(':');
          quote(out, value);
        });
    return out.append('}').toString();
  }

  /**
   * Reads one JSON value.
   *
   * @throws IllegalArgumentException when the text is not one JSON value
   */
  static Object parse(String text) {
    JsonLine parser = new JsonLine(text);
    Object value = parser.value();
    parser.space();
    if (parser.at != text.length()) {
      throw parser.error("trailing text");
    }
    return value;
  }

  private static void quote(StringBuilder out, String value) {
    if (value == null) {
      out.append("null");
      return;
    }
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private Object value() {
    space();
    if (at >= text.length()) {
      throw error("unexpected end");
    }
    char c = text.charAt(at);
    return switch (c) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> string();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", null);
      default -> number();
    };
  }

  private Map<String, Object> object() {
    Map<String, Object> members = new LinkedHashMap<>();
    at++;
    space();
    if (peek() == '}') {
      at++;
      return members;
    }
    while (true) {
      space();
      if (peek() != '"') {
        throw error("expected a member name");
      }
      String name = string();
      space();
      expect(':');
      members.put(name, value());
      space();
      if (peek() == ',') {
        at++;
      } else {
        expect('}');
        return members;
      }
    }
  }

  private List<Object> array() {
    List<Object> items = new ArrayList<>();
    at++;
    space();
    if (peek() == ']') {
      at++;
      return items;
    }
    while (true) {
      items.add(value());
      space();
      if (peek() == ',') {
        at++;
      } else {
        expect(']');
        return items;
      }
    }
  }

  private String string() {
    StringBuilder out = new StringBuilder();
    at++;
    while (at < text.length()) {
      char c = text.charAt(at++);
      if (c == '"') {
        return out.toString();
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (at >= text.length()) {
        break;
      }
      char e = text.charAt(at++);
      switch (e) {
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'u' -> {
          if (at + 4 > text.length()) {
            throw error("bad escape");
          }
          out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
          at += 4;
        }
        default -> out.append(e);
      }
    }
    throw error("unterminated string");
  }

  private Object number() {
    int start = at;
    while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
    String digits = text.substring(start, at);
    if (digits.isEmpty()) {
      throw error("unexpected character");
    }
    try {
      return digits.matches("-?\\d+")
          ? (Object) Long.parseLong(digits)
          : Double.parseDouble(digits);
    } catch (NumberFormatException e) {
      throw error("bad number");
    }
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, at)) {
      throw error("unexpected character");
    }
    at += word.length();
    return value;
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    at++;
  }

  private char peek() {
    return at < text.length() ? text.charAt(at) : '\0';
  }

  private void space() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(what + " at " + at);
  }
}
