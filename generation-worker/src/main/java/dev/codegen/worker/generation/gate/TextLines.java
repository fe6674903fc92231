package dev.codegen.worker.generation.gate;

import java.util.Arrays;

/**
 * Line starts of a text, so that a match offset becomes a 1-based line and column, and a line or a
 * window of lines can be read back. Shared by the scanners that report where they found something.
 */
public final class TextLines {

  private final String text;
  private final int[] starts;

  public TextLines(String text) {
    this.text = text;
    int[] found = new int[16];
    int count = 0;
    found[count++] = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        if (count == found.length) {
          found = Arrays.copyOf(found, count * 2);
        }
        found[count++] = i + 1;
      }
    }
    this.starts = Arrays.copyOf(found, count);
  }

  /** How many lines the text has. */
  public int count() {
    return starts.length;
  }

  /** The 1-based line holding {@code offset}. */
  public int lineOf(int offset) {
    int index = Arrays.binarySearch(starts, offset);
    return (index >= 0 ? index : -index - 2) + 1;
  }

  /** The 1-based column of {@code offset} in its line. */
  public int columnOf(int offset) {
    return offset - starts[lineOf(offset) - 1] + 1;
  }

  /** The offset where 1-based {@code line} starts. */
  public int start(int line) {
    return starts[line - 1];
  }

  /** The offset where 1-based {@code line} ends, before its line break (and a {@code \r}). */
  public int end(int line) {
    int end = line < starts.length ? starts[line] - 1 : text.length();
    if (end > start(line) && text.charAt(end - 1) == '\r') {
      end--;
    }
    return end;
  }

  /** The offset just after {@code line}'s line break, or the text's end. */
  public int endWithBreak(int line) {
    return line < starts.length ? starts[line] : text.length();
  }

  /** The text of 1-based {@code line}, without its line break. */
  public String text(int line) {
    return text.substring(start(line), end(line));
  }

  /** Lines {@code first - radius} to {@code last + radius} (clipped to the text), as one text. */
  public CharSequence window(int first, int last, int radius) {
    int from = Math.max(1, first - radius);
    int to = Math.min(starts.length, last + radius);
    return text.subSequence(start(from), endWithBreak(to));
  }
}
