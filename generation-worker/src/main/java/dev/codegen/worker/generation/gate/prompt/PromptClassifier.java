package dev.codegen.worker.generation.gate.prompt;

import dev.codegen.worker.generation.gate.prompt.PromptViews.View;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The learned tier of the prompt gates: a Tribuo logistic regression over {@link PromptFeatures}
 * with three classes ({@value #BENIGN}, {@value #INJECTION}, {@value #MALICIOUS}). Its risk is one
 * minus the benign probability; a risk at or above the manifest's threshold (chosen by
 * cross-validation on the training split) is a finding. The model and manifest are trained by
 * {@code bin/train-prompt-classifier}.
 */
public final class PromptClassifier {

  public static final String BENIGN = "benign";
  public static final String INJECTION = "injection";
  public static final String MALICIOUS = "malicious";

  static final String DIRECTORY = "/dev/codegen/worker/generation/gate/prompt/";
  static final String MODEL = "prompt-classifier.tribuo";
  static final String MANIFEST = "prompt-classifier.manifest.json";
  private static final LabelFactory LABELS = new LabelFactory();

  private final Model<Label> model;
  private final double threshold;

  /** A model and the risk from which it reports a finding. */
  public PromptClassifier(Model<Label> model, double threshold) {
    if (!model.getOutputIDInfo().getDomain().contains(new Label(BENIGN))) {
      throw new IllegalArgumentException("model has no " + BENIGN + " class");
    }
    this.model = model;
    this.threshold = threshold;
  }

  /** The model and threshold shipped in the worker's resources. */
  @SuppressWarnings("unchecked")
  public static PromptClassifier standard() {
    try (InputStream manifestIn = resource(MANIFEST);
        InputStream modelIn = resource(MODEL)) {
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
      Model<?> model = Model.deserializeFromStream(modelIn);
      if (!model.validate(Label.class)) {
        throw new IllegalStateException(MODEL + " is not a classification model");
      }
      return new PromptClassifier((Model<Label>) model, manifest.path("threshold").asDouble());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the prompt classifier", e);
    }
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

  /** The class probabilities of a prompt given its views. */
  public Score score(List<View> views) {
    return score(PromptFeatures.of(views), model);
  }

  static Score score(PromptFeatures.Vector vector, Model<Label> model) {
    // only the features the model knows: Tribuo refuses an example with none of them
    ImmutableFeatureMap known = model.getFeatureIDMap();
    String[] names = new String[vector.names().length];
    double[] values = new double[names.length];
    int count = 0;
    for (int i = 0; i < names.length; i++) {
      if (known.get(vector.names()[i]) != null) {
        names[count] = vector.names()[i];
        values[count++] = vector.values()[i];
      }
    }
    if (count == 0) {
      return new Score(0, 0);
    }
    ArrayExample<Label> example =
        new ArrayExample<>(
            LABELS.getUnknownOutput(), Arrays.copyOf(names, count), Arrays.copyOf(values, count));
    Prediction<Label> prediction = model.predict(example);
    Map<String, Label> scores = prediction.getOutputScores();
    return new Score(probability(scores, MALICIOUS), probability(scores, INJECTION));
  }

  private static double probability(Map<String, Label> scores, String label) {
    Label value = scores.get(label);
    return value == null ? 0 : value.getScore();
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
