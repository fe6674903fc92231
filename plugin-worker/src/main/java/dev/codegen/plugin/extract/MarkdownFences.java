package dev.codegen.plugin.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds fenced code blocks (``` or ~~~) in markdown. Lenient where models are sloppy: fences may be
 * indented (inside list items), and an unclosed fence runs to the end of the text, because a model
 * cut off by its token limit never writes the closing fence.
 */
final class MarkdownFences {

  private static final Pattern OPENING = Pattern.compile("^\\s*(`{3,}|~{3,})\\s*([^`\\s]*).*$");

  private MarkdownFences() {}

  static List<FencedBlock> find(String markdown) {
    List<FencedBlock> blocks = new ArrayList<>();
    List<String> lines = markdown.lines().toList();
    int i = 0;
    while (i < lines.size()) {
      Matcher opening = OPENING.matcher(lines.get(i));
      if (!opening.matches()) {
        i++;
        continue;
      }
      String fence = opening.group(1);
      String tag = normalizeTag(opening.group(2));
      int end = i + 1;
      while (end < lines.size() && !closes(lines.get(end), fence)) {
        end++;
      }
      blocks.add(new FencedBlock(tag, clean(lines.subList(i + 1, end))));
      i = end + 1;
    }
    return blocks;
  }

  /** Text without surrounding blank lines or trailing spaces, indentation kept relative. */
  static String clean(List<String> lines) {
    int start = 0;
    int end = lines.size();
    while (start < end && lines.get(start).isBlank()) {
      start++;
    }
    while (end > start && lines.get(end - 1).isBlank()) {
      end--;
    }
    return String.join("\n", lines.subList(start, end)).stripIndent().stripTrailing();
  }

  private static boolean closes(String line, String fence) {
    String stripped = line.strip();
    char c = fence.charAt(0);
    if (stripped.length() < fence.length()) {
      return false;
    }
    return stripped.chars().allMatch(ch -> ch == c);
  }

  private static String normalizeTag(String raw) {
    String tag = raw.toLowerCase(Locale.ROOT);
    // Pandoc style {.python} and attributes like python{1-3}.
    tag = tag.replaceAll("^\\{?\\.?", "");
    int brace = tag.indexOf('{');
    return brace >= 0 ? tag.substring(0, brace) : tag.replace("}", "");
  }
}
