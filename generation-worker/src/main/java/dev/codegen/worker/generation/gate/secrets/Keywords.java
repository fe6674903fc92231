package dev.codegen.worker.generation.gate.secrets;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every rule's keywords in one Aho-Corasick automaton, so that one pass over a lower-cased text
 * tells where each keyword occurs: rules whose keywords are absent are skipped, and the others run
 * only on the lines around their keywords. Keywords are ASCII; other characters reset the search.
 */
final class Keywords {

  private final Map<String, Integer> ids = new LinkedHashMap<>();
  private final int[][] delta;
  private final int[][] outputs;

  Keywords(List<String> keywords) {
    for (String keyword : keywords) {
      if (!keyword.isEmpty() && keyword.chars().allMatch(c -> c < 128)) {
        ids.putIfAbsent(keyword, ids.size());
      }
    }
    List<int[]> next = new ArrayList<>();
    List<List<Integer>> out = new ArrayList<>();
    next.add(new int[128]);
    out.add(new ArrayList<>());
    for (Map.Entry<String, Integer> entry : ids.entrySet()) {
      int state = 0;
      for (char c : entry.getKey().toCharArray()) {
        if (next.get(state)[c] == 0) {
          next.add(new int[128]);
          out.add(new ArrayList<>());
          next.get(state)[c] = next.size() - 1;
        }
        state = next.get(state)[c];
      }
      out.get(state).add(entry.getValue());
    }
    int[] fail = new int[next.size()];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int c = 0; c < 128; c++) {
      if (next.get(0)[c] != 0) {
        queue.add(next.get(0)[c]);
      }
    }
    while (!queue.isEmpty()) {
      int state = queue.poll();
      out.get(state).addAll(out.get(fail[state]));
      for (int c = 0; c < 128; c++) {
        int child = next.get(state)[c];
        if (child != 0) {
          fail[child] = next.get(fail[state])[c];
          queue.add(child);
        } else {
          next.get(state)[c] = next.get(fail[state])[c];
        }
      }
    }
    this.delta = next.toArray(new int[0][]);
    this.outputs = new int[out.size()][];
    for (int i = 0; i < out.size(); i++) {
      outputs[i] = out.get(i).stream().mapToInt(Integer::intValue).toArray();
    }
  }

  /** The id of {@code keyword}, or -1 when it is not one. */
  int id(String keyword) {
    return ids.getOrDefault(keyword, -1);
  }

  /**
   * Where each keyword ends in {@code lower}: per keyword id, the offsets of its last character.
   */
  int[][] find(String lower) {
    int[][] found = new int[ids.size()][];
    int[] counts = new int[ids.size()];
    int state = 0;
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      state = c < 128 ? delta[state][c] : 0;
      for (int id : outputs[state]) {
        int[] list = found[id];
        if (list == null) {
          list = found[id] = new int[4];
        } else if (counts[id] == list.length) {
          list = found[id] = Arrays.copyOf(list, list.length * 2);
        }
        list[counts[id]++] = i;
      }
    }
    for (int id = 0; id < found.length; id++) {
      if (found[id] != null) {
        found[id] = Arrays.copyOf(found[id], counts[id]);
      }
    }
    return found;
  }
}
