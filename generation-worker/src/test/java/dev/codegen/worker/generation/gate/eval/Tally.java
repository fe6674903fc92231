package dev.codegen.worker.generation.gate.eval;

import java.util.Map;
import java.util.TreeMap;

/** Rows and flagged rows, overall and per group, for one labelled set in one split. */
final class Tally {

  final Map<String, int[]> groups = new TreeMap<>();
  int rows;
  int flagged;

  void add(String group, boolean isFlagged) {
    int[] counts = groups.computeIfAbsent(group, g -> new int[2]);
    counts[0]++;
    rows++;
    if (isFlagged) {
      counts[1]++;
      flagged++;
    }
  }

  double rate() {
    return rate(flagged, rows);
  }

  static double rate(int part, int whole) {
    return whole == 0 ? Double.NaN : 100.0 * part / whole;
  }

  static String percent(double value) {
    return Double.isNaN(value) ? "-" : String.format("%.1f%%", value);
  }
}
