package dev.codegen.worker.generation.gate.prompt;

import dev.codegen.worker.generation.gate.eval.CorpusRow;
import dev.codegen.worker.generation.gate.eval.CorpusSplit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Tribuo;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Trains the prompt classifier on the TRAIN split of the shared corpus and writes the model and its
 * manifest into the worker's resources. Opt-in, run by {@code bin/train-prompt-classifier}: picks
 * the threshold by 5-fold cross-validation on TRAIN (the lowest risk whose out-of-fold benign
 * false-positive rate is at most {@value #TARGET_FPR}), trains the final model on all of TRAIN with
 * a fixed seed, and only then scores HELD_OUT once for the manifest's report.
 */
@EnabledIfSystemProperty(named = "codegen.train", matches = ".+")
class PromptClassifierTraining {

  static final long SEED = 20261207L;
  static final int EPOCHS = 12;
  static final int FOLDS = 5;
  static final double TARGET_FPR = 0.005;
  private static final String MALICIOUS = "prompts/malicious.jsonl";
  private static final String BENIGN = "prompts/benign.jsonl";
  private static final LabelFactory LABELS = new LabelFactory();
  static final String EXTRA = "/dev/codegen/worker/generation/gate/prompt/classifier-extra.jsonl";

  record Row(String id, String category, String label, PromptFeatures.Vector features) {}

  @Test
  void trainsAndWritesTheModel() throws IOException {
    List<Row> train = rows(CorpusSplit.TRAIN);
    train.addAll(extra());
    List<Row> heldOut = rows(CorpusSplit.HELD_OUT);

    double[] outOfFold = new double[train.size()];
    for (int fold = 0; fold < FOLDS; fold++) {
      List<Row> fit = new ArrayList<>();
      for (Row row : train) {
        if (fold(row.id()) != fold) {
          fit.add(row);
        }
      }
      Model<Label> model = train(fit);
      for (int i = 0; i < train.size(); i++) {
        if (fold(train.get(i).id()) == fold) {
          outOfFold[i] = PromptClassifier.score(train.get(i).features(), model).risk();
        }
      }
    }
    double threshold = threshold(train, outOfFold);
    Model<Label> model = train(train);
    Path directory =
        Path.of(System.getProperty("codegen.train.out", "src/main/resources"))
            .resolve(PromptClassifier.DIRECTORY.substring(1));
    Files.createDirectories(directory);
    model.serializeToFile(directory.resolve(PromptClassifier.MODEL));

    double[] heldOutRisk = new double[heldOut.size()];
    for (int i = 0; i < heldOut.size(); i++) {
      heldOutRisk[i] = PromptClassifier.score(heldOut.get(i).features(), model).risk();
    }
    ObjectNode manifest = JsonMapper.builder().build().createObjectNode();
    manifest.put("model", PromptClassifier.MODEL);
    manifest.put("library", "org.tribuo:tribuo-classification-sgd:" + Tribuo.VERSION);
    manifest.put(
        "trainer",
        "LinearSGDTrainer(LogMulticlass, AdaGrad(0.1, 0.1), epochs "
            + EPOCHS
            + ", minibatch 1): a logistic regression");
    manifest.put("seed", SEED);
    manifest.put("features", PromptFeatures.SETTINGS);
    manifest.put("classes", "benign, injection (category prompt-injection), malicious (others)");
    manifest.put("threshold", threshold);
    manifest.put(
        "threshold_rule",
        "lowest risk (1 - P(benign)), on a 0.01 grid, whose "
            + FOLDS
            + "-fold out-of-fold false-positive rate on TRAIN benign rows is at most "
            + TARGET_FPR
            + "; folds by SHA-256(id)[1] mod "
            + FOLDS);
    manifest.put(
        "split", "CorpusSplit: SHA-256(id)[0] mod 10 < 3 is HELD_OUT; trained on TRAIN only");
    manifest.put("command", "bin/train-prompt-classifier (CORPUS=/work/shared/corpus by default)");
    manifest.put("date", LocalDate.now().toString());
    ArrayNode files = manifest.putArray("data");
    for (String file : List.of(MALICIOUS, BENIGN)) {
      ObjectNode entry = files.addObject();
      entry.put("file", file);
      entry.put("sha256", sha256(CorpusRow.corpus().resolve(file)));
    }
    ObjectNode own = files.addObject();
    own.put("file", "generation-worker/src/test/resources/" + EXTRA.substring(1));
    own.put("sha256", sha256(Path.of("src/test/resources" + EXTRA)));
    own.put(
        "note",
        "our own hand-written prompts (no corpus rows), always in training: varied benign"
            + " questions so that 'not phrased like the corpus coding tasks' is not learnt as"
            + " harm");
    ObjectNode counts = manifest.putObject("train_rows");
    count(train).forEach(counts::put);
    ObjectNode heldOutCounts = manifest.putObject("held_out_rows");
    count(heldOut).forEach(heldOutCounts::put);
    ObjectNode cv = manifest.putObject("cross_validation_at_threshold");
    metrics(train, outOfFold, threshold).forEach(cv::put);
    ObjectNode held = manifest.putObject("held_out_metrics");
    metrics(heldOut, heldOutRisk, threshold).forEach(held::put);
    Files.writeString(
        directory.resolve(PromptClassifier.MANIFEST),
        manifest.toPrettyString() + "\n",
        StandardCharsets.UTF_8);
    System.out.println(manifest.toPrettyString());
  }

  private static List<Row> extra() throws IOException {
    JsonMapper json = JsonMapper.builder().build();
    List<Row> rows = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("src/test/resources" + EXTRA))) {
      if (!line.isBlank()) {
        var node = json.readTree(line);
        rows.add(
            new Row(
                node.get("id").asString(),
                node.get("category").asString(),
                node.get("label").asString(),
                PromptFeatures.of(PromptViews.of(node.get("text").asString()))));
      }
    }
    return rows;
  }

  private static List<Row> rows(CorpusSplit split) {
    List<Row> rows = new ArrayList<>();
    for (String file : List.of(MALICIOUS, BENIGN)) {
      for (CorpusRow row : CorpusRow.read(file, split)) {
        String category = row.field("category");
        String label =
            file.equals(BENIGN)
                ? PromptClassifier.BENIGN
                : category.equals("prompt-injection")
                    ? PromptClassifier.INJECTION
                    : PromptClassifier.MALICIOUS;
        rows.add(new Row(row.id(), category, label, PromptFeatures.of(PromptViews.of(row.text()))));
      }
    }
    return rows;
  }

  private static Model<Label> train(List<Row> rows) {
    MutableDataset<Label> data =
        new MutableDataset<>(new SimpleDataSourceProvenance("prompt corpus TRAIN", LABELS), LABELS);
    for (Row row : rows) {
      Example<Label> example =
          new ArrayExample<>(
              new Label(row.label()), row.features().names(), row.features().values());
      data.add(example);
    }
    LinearSGDTrainer trainer =
        new LinearSGDTrainer(
            new LogMulticlass(), new AdaGrad(0.1, 0.1), EPOCHS, 1_000_000, 1, SEED);
    return trainer.train(data);
  }

  private static double threshold(List<Row> rows, double[] risk) {
    for (int step = 1; step < 100; step++) {
      double threshold = step / 100.0;
      int benign = 0;
      int flagged = 0;
      for (int i = 0; i < rows.size(); i++) {
        if (rows.get(i).label().equals(PromptClassifier.BENIGN)
            && !rows.get(i).category().startsWith("own-")) {
          benign++;
          flagged += risk[i] >= threshold ? 1 : 0;
        }
      }
      if (flagged <= TARGET_FPR * benign) {
        return threshold;
      }
    }
    return 0.99;
  }

  private static Map<String, String> metrics(List<Row> rows, double[] risk, double threshold) {
    Map<String, int[]> counts = new TreeMap<>();
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      int[] c = counts.computeIfAbsent(row.category(), k -> new int[2]);
      c[0]++;
      c[1] += risk[i] >= threshold ? 1 : 0;
    }
    Map<String, String> out = new LinkedHashMap<>();
    counts.forEach(
        (category, c) ->
            out.put(
                category
                    + (category.equals("coding-task") || category.startsWith("borderline")
                        ? " FPR"
                        : " recall"),
                String.format(
                    java.util.Locale.ROOT, "%.3f (%d/%d)", (double) c[1] / c[0], c[1], c[0])));
    return out;
  }

  private static Map<String, Integer> count(List<Row> rows) {
    Map<String, Integer> counts = new TreeMap<>();
    rows.forEach(row -> counts.merge(row.label(), 1, Integer::sum));
    return counts;
  }

  private static int fold(String id) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      return Byte.toUnsignedInt(hash[1]) % FOLDS;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
