package dev.codegen.worker.generation.gate.prompt;

import dev.codegen.worker.generation.gate.prompt.PromptViews.View;
import java.util.Arrays;
import java.util.List;

/**
 * The classifier's features, computed in plain Java from the {@code ascii} and {@code decoded}
 * views: word unigrams and bigrams and character 4-grams (within words, with a boundary mark),
 * hashed into {@value #BUCKETS} buckets, weighted {@code log(1 + count)} and scaled to unit length.
 * Training and scanning use this one class, so they cannot drift apart; {@link #SETTINGS} goes into
 * the model's manifest and is checked when the model loads.
 */
public final class PromptFeatures {

  static final int BUCKETS = 1 << 16;
  static final int CHAR_GRAM = 4;
  static final int MAX_CHARS = 12_000;

  /** What the features are, recorded in the manifest and checked at load. */
  public static final String SETTINGS =
      "v2: views ascii+decoded (first "
          + MAX_CHARS
          + " chars); word 1-2 grams; char "
          + CHAR_GRAM
          + "-grams within words; murmur3-mixed String.hashCode mod "
          + BUCKETS
          + "; log(1+tf); L2-normalised";

  /** Sparse features: buckets in ascending order and their values. */
  public record Vector(int[] buckets, double[] values) {

    /** The buckets as feature names ({@code h00042}), for training libraries that want names. */
    public String[] names() {
      String[] names = new String[buckets.length];
      for (int i = 0; i < buckets.length; i++) {
        names[i] = name(buckets[i]);
      }
      return names;
    }
  }

  private PromptFeatures() {}

  /** The features of a prompt given its views. */
  public static Vector of(List<View> views) {
    StringBuilder text = new StringBuilder();
    for (View view : views) {
      if (view.name().equals("ascii") || view.name().equals("decoded")) {
        text.append(view.text(), 0, Math.min(view.text().length(), MAX_CHARS - text.length()));
        text.append(' ');
        if (text.length() >= MAX_CHARS) {
          break;
        }
      }
    }
    return of(text.toString());
  }

  /** The features of already normalised text. */
  static Vector of(String text) {
    int[] hashes = new int[text.length() * 3 + 8];
    int count = 0;
    String previous = null;
    int start = -1;
    for (int i = 0; i <= text.length(); i++) {
      boolean inWord = i < text.length() && Character.isLetterOrDigit(text.charAt(i));
      if (inWord && start < 0) {
        start = i;
      } else if (!inWord && start >= 0) {
        String word = text.substring(start, i);
        hashes[count++] = bucket("w:" + word);
        if (previous != null) {
          hashes[count++] = bucket("b:" + previous + ' ' + word);
        }
        String marked = '^' + word + '$';
        for (int j = 0; j + CHAR_GRAM <= marked.length(); j++) {
          if (count == hashes.length) {
            hashes = Arrays.copyOf(hashes, count * 2);
          }
          hashes[count++] = bucket("c:" + marked.substring(j, j + CHAR_GRAM));
        }
        previous = word;
        start = -1;
      }
      if (count + 4 >= hashes.length) {
        hashes = Arrays.copyOf(hashes, hashes.length * 2);
      }
    }
    int[] sorted = Arrays.copyOf(hashes, count);
    Arrays.sort(sorted);
    int distinct = 0;
    int[] buckets = new int[count];
    double[] values = new double[count];
    double norm = 0;
    for (int i = 0; i < count; ) {
      int j = i;
      while (j < count && sorted[j] == sorted[i]) {
        j++;
      }
      double value = Math.log1p(j - i);
      buckets[distinct] = sorted[i];
      values[distinct++] = value;
      norm += value * value;
      i = j;
    }
    norm = Math.sqrt(norm);
    for (int i = 0; i < distinct; i++) {
      values[i] /= norm;
    }
    return new Vector(Arrays.copyOf(buckets, distinct), Arrays.copyOf(values, distinct));
  }

  /** The feature name of a bucket, zero-padded so that name order is bucket order. */
  static String name(int bucket) {
    String digits = Integer.toString(bucket);
    return "h" + "000000".substring(digits.length()) + digits;
  }

  private static int bucket(String token) {
    int h = token.hashCode();
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return Math.floorMod(h, BUCKETS);
  }
}
