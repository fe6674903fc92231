package dev.codegen.worker.generation.gate.prompt;

import dev.codegen.worker.generation.gate.prompt.PromptViews.View;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The learned tier of the prompt gates: a multinomial logistic regression over {@link
 * PromptFeatures} with three classes ({@value #BENIGN}, {@value #INJECTION}, {@value #MALICIOUS}),
 * evaluated in plain Java (a sparse dot product per class and a softmax). Its risk is one minus the
 * benign probability. A risk at or above {@link #threshold()} is an advisory finding; at or above
 * {@link #blockThreshold()} a blocking one. Both were chosen by cross-validation on the training
 * data; see the manifest.
 *
 * <p>The weights file ({@value #WEIGHTS}) is little-endian: the magic {@code PCLW}, int32 format
 * version 1, int32 buckets, int32 classes, then per class (in the manifest's {@code labels} order)
 * {@code buckets} float32 weights and one float32 bias. It is trained by Tribuo at test scope
 * ({@code bin/train-prompt-classifier}) and exported; nothing of Tribuo is needed at run time.
 */
public final class PromptClassifier {

  public static final String BENIGN = "benign";
  public static final String INJECTION = "injection";
  public static final String MALICIOUS = "malicious";

  static final String DIRECTORY = "/dev/codegen/worker/generation/gate/prompt/";
  static final String WEIGHTS = "prompt-classifier.weights";
  static final String MANIFEST = "prompt-classifier.manifest.json";
  static final int MAGIC = 0x574C4350; // "PCLW" read little-endian
  static final int FORMAT = 1;

  private final float[][] weights; // [class][bucket], bias at index buckets
  private final int injection;
  private final int malicious;
  private final double threshold;
  private final double blockThreshold;

  /**
   * @param labels class names, in the order of {@code weights}; must hold the three classes
   * @param weights per class, {@link PromptFeatures#BUCKETS} weights and then the bias
   * @param threshold the risk from which a prompt is an (advisory) finding
   * @param blockThreshold the risk from which the finding blocks; at least {@code threshold}
   */
  public PromptClassifier(
      List<String> labels, float[][] weights, double threshold, double blockThreshold) {
    if (labels.size() != weights.length) {
      throw new IllegalArgumentException("labels and weights disagree");
    }
    for (float[] row : weights) {
      if (row.length != PromptFeatures.BUCKETS + 1) {
        throw new IllegalArgumentException(
            "a class has " + row.length + " weights, features need " + PromptFeatures.BUCKETS);
      }
    }
    index(labels, BENIGN);
    this.injection = index(labels, INJECTION);
    this.malicious = index(labels, MALICIOUS);
    this.weights = weights;
    this.threshold = threshold;
    this.blockThreshold = Math.max(threshold, blockThreshold);
  }

  private static int index(List<String> labels, String label) {
    int i = labels.indexOf(label);
    if (i < 0) {
      throw new IllegalArgumentException("model has no " + label + " class");
    }
    return i;
  }

  /** The model and thresholds shipped in the worker's resources. */
  public static PromptClassifier standard() {
    try (InputStream manifestIn = resource(MANIFEST);
        InputStream weightsIn = resource(WEIGHTS)) {
      JsonNode manifest = JsonMapper.builder().build().readTree(manifestIn);
      String settings = manifest.path("features").asString();
      if (!PromptFeatures.SETTINGS.equals(settings)) {
        throw new IllegalStateException(
            "model was trained on features '"
                + settings
                + "', code computes '"
                + PromptFeatures.SETTINGS
                + "': retrain with bin/train-prompt-classifier");
      }
      List<String> labels = new ArrayList<>();
      manifest.path("labels").forEach(label -> labels.add(label.asString()));
      double threshold = manifest.path("threshold").asDouble();
      double block = manifest.path("block_threshold").asDouble(threshold);
      return new PromptClassifier(labels, read(weightsIn.readAllBytes()), threshold, block);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the prompt classifier", e);
    }
  }

  /** Parses a weights file. */
  static float[][] read(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 16 || buffer.getInt() != MAGIC || buffer.getInt() != FORMAT) {
      throw new IllegalStateException(WEIGHTS + " is not a version " + FORMAT + " weights file");
    }
    int buckets = buffer.getInt();
    int classes = buffer.getInt();
    if (buckets != PromptFeatures.BUCKETS
        || classes < 1
        || classes > 16
        || bytes.length != 16 + 4L * classes * (buckets + 1)) {
      throw new IllegalStateException(
          WEIGHTS + ": " + buckets + " buckets, " + classes + " classes, " + bytes.length + " B");
    }
    FloatBuffer floats = buffer.asFloatBuffer();
    float[][] weights = new float[classes][buckets + 1];
    for (float[] row : weights) {
      floats.get(row);
    }
    return weights;
  }

  /** Writes a weights file (used by training). */
  static byte[] write(float[][] weights) {
    int buckets = weights[0].length - 1;
    ByteBuffer buffer =
        ByteBuffer.allocate(16 + 4 * weights.length * (buckets + 1)).order(ByteOrder.LITTLE_ENDIAN);
    buffer.putInt(MAGIC).putInt(FORMAT).putInt(buckets).putInt(weights.length);
    for (float[] row : weights) {
      for (float w : row) {
        buffer.putFloat(w);
      }
    }
    return buffer.array();
  }

  private static InputStream resource(String name) {
    InputStream in = PromptClassifier.class.getResourceAsStream(DIRECTORY + name);
    if (in == null) {
      throw new IllegalStateException("missing resource " + DIRECTORY + name);
    }
    return in;
  }

  /** The risk from which a prompt is a finding. */
  public double threshold() {
    return threshold;
  }

  /** The risk from which the finding is blocking (MEDIUM) rather than advisory (LOW). */
  public double blockThreshold() {
    return blockThreshold;
  }

  /** The class probabilities of a prompt given its views. */
  public Score score(List<View> views) {
    return score(PromptFeatures.of(views));
  }

  /** The class probabilities of a feature vector: a softmax over one dot product per class. */
  Score score(PromptFeatures.Vector vector) {
    double[] logits = new double[weights.length];
    int bias = PromptFeatures.BUCKETS;
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < weights.length; c++) {
      float[] w = weights[c];
      double sum = w[bias];
      int[] buckets = vector.buckets();
      double[] values = vector.values();
      for (int i = 0; i < buckets.length; i++) {
        sum += w[buckets[i]] * values[i];
      }
      logits[c] = sum;
      max = Math.max(max, sum);
    }
    double total = 0;
    for (int c = 0; c < logits.length; c++) {
      logits[c] = Math.exp(logits[c] - max);
      total += logits[c];
    }
    return new Score(logits[malicious] / total, logits[injection] / total);
  }

  /**
   * The classifier's view of a prompt.
   *
   * @param malicious probability that it asks for malware, attacks or interpreter abuse
   * @param injection probability that it tries to subvert the model's instructions
   */
  public record Score(double malicious, double injection) {

    /** One minus the benign probability. */
    public double risk() {
      return malicious + injection;
    }

    /** The gate of the likelier harmful class. */
    public String gate() {
      return injection > malicious ? PromptRules.INJECTION : PromptRules.MALICIOUS;
    }
  }
}
