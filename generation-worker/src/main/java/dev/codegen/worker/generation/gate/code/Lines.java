package dev.codegen.worker.generation.gate.code;

import java.util.Arrays;

/** Line starts of a text, so that a match offset becomes a 1-based line and column. */
final class Lines {

  private final String text;
  private final int[] starts;

  Lines(String text) {
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

  /** The 1-based line holding {@code offset}. */
  int lineOf(int offset) {
    int index = Arrays.binarySearch(starts, offset);
    return (index >= 0 ? index : -index - 2) + 1;
  }

  /** The 1-based column of {@code offset} in its line. */
  int columnOf(int offset) {
    return offset - starts[lineOf(offset) - 1] + 1;
  }

  /** Lines {@code first - radius} to {@code last + radius} (clipped to the text), as one text. */
  CharSequence window(int first, int last, int radius) {
    int from = Math.max(1, first - radius);
    int to = Math.min(starts.length, last + radius);
    int end = to < starts.length ? starts[to] : text.length();
    return text.subSequence(starts[from - 1], end);
  }

  /** The text of 1-based {@code line}, without its line break. */
  String text(int line) {
    int start = starts[line - 1];
    int end = line < starts.length ? starts[line] - 1 : text.length();
    if (end > start && text.charAt(end - 1) == '\r') {
      end--;
    }
    return text.substring(start, end);
  }
}
