package dev.codegen.plugin.javac;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file name javac expects for a source: the public top-level type's name. Javac rejects a
 * public class in a file of another name, so guessing wrong would fail good code.
 */
final class PublicTypeName {

  private static final String MODIFIERS =
      "(?:(?:public|final|abstract|sealed|non-sealed|strictfp|static)\\s+)*";

  // Top level means not indented: generated code is formatted, and nested types are indented.
  private static final Pattern PUBLIC_TYPE =
      Pattern.compile(
          "^(?:@\\w+(?:\\([^)]*\\))?\\s+)*"
              + "(?:(?:final|abstract|sealed|non-sealed|strictfp)\\s+)*public\\s+"
              + MODIFIERS
              + "(?:class|interface|enum|record|@interface)\\s+([A-Za-z_$][\\w$]*)",
          Pattern.MULTILINE);

  private static final Pattern ANY_TYPE =
      Pattern.compile(
          "^" + MODIFIERS + "(?:class|interface|enum|record|@interface)\\s+([A-Za-z_$][\\w$]*)",
          Pattern.MULTILINE);

  static final String FALLBACK = "Main";

  private PublicTypeName() {}

  static String of(String source) {
    String code = stripComments(source);
    Matcher publicType = PUBLIC_TYPE.matcher(code);
    if (publicType.find()) {
      return publicType.group(1);
    }
    Matcher anyType = ANY_TYPE.matcher(code);
    return anyType.find() ? anyType.group(1) : FALLBACK;
  }

  /** Comments could mention "public class Foo"; strings rarely start a line, so they stay. */
  private static String stripComments(String source) {
    return source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", "");
  }
}
