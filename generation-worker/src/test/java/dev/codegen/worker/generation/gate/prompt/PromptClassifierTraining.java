package dev.codegen.worker.generation.gate.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codegen.worker.generation.gate.eval.CorpusRow;
import dev.codegen.worker.generation.gate.eval.CorpusSplit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.MutableDataset;
import org.tribuo.Tribuo;
import org.tribuo.VariableInfo;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Trains the prompt classifier and writes its weights and manifest into the worker's resources.
 * Opt-in, run by {@code bin/train-prompt-classifier}. Training data: the TRAIN split of the shared
 * corpus, our own rows in {@code classifier-extra.jsonl}, and the TRAIN part of the {@link
 * BenignPromptGenerator} prompts (split by source file). Picks two thresholds by 5-fold
 * cross-validation on that data (folds by source, so rows of one file stay together): the advisory
 * threshold, the lowest risk whose out-of-fold false-positive rate is at most {@value
 * #GENERATED_FPR} on generated benign rows and {@value #CORPUS_FPR} on corpus benign rows, and the
 * blocking threshold, the lowest at most a fifth of those. Trains the final model on all of it with
 * a fixed seed, exports the weights for the plain-Java {@link PromptClassifier} (checking that it
 * agrees with Tribuo), and only then scores the held-out sets once for the manifest's report:
 * corpus HELD_OUT, generated held-out, and the docstring set named by {@code -Dcodegen.docset}
 * (measured only, never trained on).
 */
@EnabledIfSystemProperty(named = "codegen.train", matches = ".+")
class PromptClassifierTraining {

  static final long SEED = 20261207L;
  static final int EPOCHS = 12;
  static final int FOLDS = 5;
  static final double GENERATED_FPR = 0.005;
  static final double CORPUS_FPR = 0.01;
  static final double BLOCK_FRACTION = 0.2;
  private static final String MALICIOUS = "prompts/malicious.jsonl";
  private static final String BENIGN = "prompts/benign.jsonl";
  private static final LabelFactory LABELS = new LabelFactory();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  static final String EXTRA = "/dev/codegen/worker/generation/gate/prompt/classifier-extra.jsonl";

  /** A training or evaluation row; {@code group} decides its fold. */
  record Row(
      String id,
      String group,
      String origin,
      String category,
      String label,
      PromptFeatures.Vector features) {}

  @Test
  void trainsAndWritesTheModel() throws IOException {
    Path srcZip = BenignPromptGenerator.jdkSources();
    List<BenignPromptGenerator.Generated> generated = BenignPromptGenerator.generate(srcZip);
    Path generatedFile = Path.of("target/generated-benign-prompts.jsonl");
    writeGenerated(generated, generatedFile);

    List<Row> train = rows(CorpusSplit.TRAIN);
    train.addAll(extra());
    List<Row> generatedHeldOut = new ArrayList<>();
    for (BenignPromptGenerator.Generated g : generated) {
      Row row =
          new Row(
              g.id(),
              g.source(),
              "generated",
              "generated-" + g.kind(),
              PromptClassifier.BENIGN,
              PromptFeatures.of(PromptViews.of(g.text())));
      (g.heldOut() ? generatedHeldOut : train).add(row);
    }
    List<Row> heldOut = rows(CorpusSplit.HELD_OUT);

    double[] outOfFold = new double[train.size()];
    for (int fold = 0; fold < FOLDS; fold++) {
      List<Row> fit = new ArrayList<>();
      for (Row row : train) {
        if (fold(row.group()) != fold) {
          fit.add(row);
        }
      }
      PromptClassifier model = export(train(fit), 0.5, 0.5);
      for (int i = 0; i < train.size(); i++) {
        if (fold(train.get(i).group()) == fold) {
          outOfFold[i] = model.score(train.get(i).features()).risk();
        }
      }
    }
    double threshold = threshold(train, outOfFold, 1.0);
    double block = threshold(train, outOfFold, BLOCK_FRACTION);
    LinearSGDModel tribuo = train(train);
    PromptClassifier classifier = export(tribuo, threshold, block);
    double disagreement = agreement(tribuo, classifier, heldOut);
    assertThat(disagreement).isLessThan(1e-4);

    Path directory =
        Path.of(System.getProperty("codegen.train.out", "src/main/resources"))
            .resolve(PromptClassifier.DIRECTORY.substring(1));
    Files.createDirectories(directory);
    byte[] weights = PromptClassifier.write(weights(tribuo));
    Files.write(directory.resolve(PromptClassifier.WEIGHTS), weights);
    Files.deleteIfExists(directory.resolve("prompt-classifier.tribuo"));

    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("model", PromptClassifier.WEIGHTS);
    manifest.put(
        "format",
        "little-endian: magic PCLW, int32 version 1, int32 buckets, int32 classes, then per class"
            + " (labels order) buckets float32 weights and a float32 bias; risk = 1 - softmax"
            + " P(benign)");
    manifest.put("model_sha256", BenignPromptGenerator.sha256Hex(weights));
    manifest.put("model_bytes", weights.length);
    ArrayNode labels = manifest.putArray("labels");
    labelOrder(tribuo).forEach(labels::add);
    manifest.put("library", "org.tribuo:tribuo-classification-sgd:" + Tribuo.VERSION);
    manifest.put(
        "trainer",
        "LinearSGDTrainer(LogMulticlass, AdaGrad(0.1, 0.1), epochs "
            + EPOCHS
            + ", minibatch 1): a logistic regression; exported and run in plain Java (max |p"
            + " difference| to Tribuo on corpus HELD_OUT "
            + String.format(Locale.ROOT, "%.1e", disagreement)
            + ")");
    manifest.put("seed", SEED);
    manifest.put("features", PromptFeatures.SETTINGS);
    manifest.put("classes", "benign, injection (category prompt-injection), malicious (others)");
    manifest.put("threshold", threshold);
    manifest.put("block_threshold", block);
    manifest.put(
        "threshold_rule",
        String.format(
            Locale.ROOT,
            "threshold (LOW, advisory): lowest risk on a 0.01 grid whose %d-fold out-of-fold"
                + " false-positive rate is <= %.3f on generated benign TRAIN rows and <= %.3f on"
                + " corpus benign TRAIN rows; block_threshold (MEDIUM, blocking): the same with"
                + " %.0f%% of those rates. Folds by SHA-256(corpus id or generated source)[1] mod"
                + " %d",
            FOLDS,
            GENERATED_FPR,
            CORPUS_FPR,
            100 * BLOCK_FRACTION,
            FOLDS));
    manifest.put(
        "split",
        "corpus: CorpusSplit, SHA-256(id)[0] mod 10 < 3 is HELD_OUT, trained on TRAIN only;"
            + " generated: SHA-256(source file or task)[0] mod 10 < 3 is held out (whole source"
            + " files), and phrasings 3 mod 4 appear only in held-out rows");
    manifest.put(
        "command",
        "bin/train-prompt-classifier (CORPUS=/work/shared/corpus, DOCSET=/work/wt-classifier-docset"
            + " by default)");
    manifest.put("date", LocalDate.now().toString());
    ArrayNode files = manifest.putArray("data");
    for (String file : List.of(MALICIOUS, BENIGN)) {
      ObjectNode entry = files.addObject();
      entry.put("file", "corpus " + file);
      entry.put("sha256", sha256(CorpusRow.corpus().resolve(file)));
    }
    ObjectNode own = files.addObject();
    own.put("file", "generation-worker/src/test/resources/" + EXTRA.substring(1));
    own.put("sha256", sha256(Path.of("src/test/resources" + EXTRA)));
    own.put("note", "our own hand-written prompts (no corpus rows), always in training");
    ObjectNode gen = files.addObject();
    gen.put(
        "file",
        "generated by BenignPromptGenerator (seed "
            + BenignPromptGenerator.SEED
            + ") into generation-worker/"
            + generatedFile
            + " (not shipped)");
    gen.put("sha256", sha256(generatedFile));
    gen.put("rows", generated.size());
    gen.put("rows_held_out", generatedHeldOut.size());
    gen.put(
        "sources",
        "JDK Javadoc first sentences and code windows from "
            + srcZip
            + " (GPL-2.0 with Classpath Exception, read at training time, not shipped; sha256 "
            + sha256(srcZip)
            + "); our own tasks, security tasks and questions in BenignPromptGenerator");
    ObjectNode counts = manifest.putObject("train_rows");
    count(train, Row::label).forEach(counts::put);
    count(train, Row::origin).forEach(counts::put);
    ObjectNode cv = manifest.putObject("cross_validation");
    metrics(train, outOfFold, threshold).forEach((k, v) -> cv.put(k + " @threshold", v));
    metrics(train, outOfFold, block).forEach((k, v) -> cv.put(k + " @block", v));

    ObjectNode held = manifest.putObject("held_out_metrics");
    List<Row> measured = new ArrayList<>(heldOut);
    measured.addAll(generatedHeldOut);
    Path docset = Path.of(System.getProperty("codegen.docset", "/nonexistent"));
    if (Files.isReadable(docset.resolve(BENIGN))) {
      ObjectNode doc = files.addObject();
      doc.put("file", docset.resolve(BENIGN) + " (measured only, never trained on)");
      doc.put("sha256", sha256(docset.resolve(BENIGN)));
      for (String line : Files.readAllLines(docset.resolve(BENIGN))) {
        if (!line.isBlank()) {
          var node = JSON.readTree(line);
          measured.add(
              new Row(
                  node.get("id").asString(),
                  node.get("id").asString(),
                  "docset",
                  "docset-benign",
                  PromptClassifier.BENIGN,
                  PromptFeatures.of(PromptViews.of(node.get("text").asString()))));
        }
      }
    }
    double[] risk = new double[measured.size()];
    for (int i = 0; i < measured.size(); i++) {
      risk[i] = classifier.score(measured.get(i).features()).risk();
    }
    metrics(measured, risk, threshold).forEach((k, v) -> held.put(k + " @threshold", v));
    metrics(measured, risk, block).forEach((k, v) -> held.put(k + " @block", v));
    Files.writeString(
        directory.resolve(PromptClassifier.MANIFEST),
        manifest.toPrettyString() + "\n",
        StandardCharsets.UTF_8);
    System.out.println(manifest.toPrettyString());
  }

  private static void writeGenerated(List<BenignPromptGenerator.Generated> generated, Path file)
      throws IOException {
    StringBuilder out = new StringBuilder();
    for (BenignPromptGenerator.Generated g : generated) {
      ObjectNode node = JSON.createObjectNode();
      node.put("id", g.id());
      node.put("text", g.text());
      node.put("label", "benign");
      node.put("category", "generated-" + g.kind());
      node.put("source", g.source());
      node.put("split", g.heldOut() ? "HELD_OUT" : "TRAIN");
      out.append(JSON.writeValueAsString(node)).append('\n');
    }
    Files.createDirectories(file.getParent());
    Files.writeString(file, out, StandardCharsets.UTF_8);
  }

  private static List<Row> extra() throws IOException {
    List<Row> rows = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("src/test/resources" + EXTRA))) {
      if (!line.isBlank()) {
        var node = JSON.readTree(line);
        rows.add(
            new Row(
                node.get("id").asString(),
                node.get("id").asString(),
                "own",
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
        rows.add(
            new Row(
                row.id(),
                row.id(),
                "corpus",
                category,
                label,
                PromptFeatures.of(PromptViews.of(row.text()))));
      }
    }
    return rows;
  }

  private static LinearSGDModel train(List<Row> rows) {
    MutableDataset<Label> data =
        new MutableDataset<>(new SimpleDataSourceProvenance("prompt training", LABELS), LABELS);
    for (Row row : rows) {
      Example<Label> example =
          new ArrayExample<>(
              new Label(row.label()), row.features().names(), row.features().values());
      data.add(example);
    }
    LinearSGDTrainer trainer =
        new LinearSGDTrainer(
            new LogMulticlass(), new AdaGrad(0.1, 0.1), EPOCHS, 1_000_000, 1, SEED);
    return (LinearSGDModel) trainer.train(data);
  }

  private static List<String> labelOrder(LinearSGDModel model) {
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < model.getOutputIDInfo().size(); i++) {
      labels.add(model.getOutputIDInfo().getOutput(i).getLabel());
    }
    return labels;
  }

  /** Tribuo's weights as dense per-class bucket weights with the bias last. */
  private static float[][] weights(LinearSGDModel model) {
    DenseMatrix matrix = model.getWeightsCopy();
    ImmutableFeatureMap features = model.getFeatureIDMap();
    int classes = model.getOutputIDInfo().size();
    float[][] weights = new float[classes][PromptFeatures.BUCKETS + 1];
    for (VariableInfo info : features) {
      int id = features.getID(info.getName());
      int bucket = Integer.parseInt(info.getName().substring(1));
      for (int c = 0; c < classes; c++) {
        weights[c][bucket] = (float) matrix.get(c, id);
      }
    }
    for (int c = 0; c < classes; c++) {
      weights[c][PromptFeatures.BUCKETS] = (float) matrix.get(c, features.size());
    }
    return weights;
  }

  private static PromptClassifier export(LinearSGDModel model, double threshold, double block) {
    return new PromptClassifier(labelOrder(model), weights(model), threshold, block);
  }

  /** The largest difference in benign probability between Tribuo and the exported classifier. */
  private static double agreement(LinearSGDModel model, PromptClassifier exported, List<Row> rows) {
    double worst = 0;
    ImmutableFeatureMap known = model.getFeatureIDMap();
    for (Row row : rows) {
      String[] names = row.features().names();
      List<String> keptNames = new ArrayList<>();
      List<Double> keptValues = new ArrayList<>();
      for (int i = 0; i < names.length; i++) {
        if (known.get(names[i]) != null) {
          keptNames.add(names[i]);
          keptValues.add(row.features().values()[i]);
        }
      }
      if (keptNames.isEmpty()) {
        continue;
      }
      var prediction =
          model.predict(
              new ArrayExample<>(
                  LABELS.getUnknownOutput(),
                  keptNames.toArray(String[]::new),
                  keptValues.stream().mapToDouble(Double::doubleValue).toArray()));
      double tribuoRisk = 1 - prediction.getOutputScores().get(PromptClassifier.BENIGN).getScore();
      worst = Math.max(worst, Math.abs(tribuoRisk - exported.score(row.features()).risk()));
    }
    return worst;
  }

  private static double threshold(List<Row> rows, double[] risk, double fraction) {
    for (int step = 1; step < 100; step++) {
      double threshold = step / 100.0;
      int[] generated = new int[2];
      int[] corpus = new int[2];
      for (int i = 0; i < rows.size(); i++) {
        Row row = rows.get(i);
        int[] c =
            row.origin().equals("generated")
                ? generated
                : row.origin().equals("corpus") && row.label().equals(PromptClassifier.BENIGN)
                    ? corpus
                    : null;
        if (c != null) {
          c[0]++;
          c[1] += risk[i] >= threshold ? 1 : 0;
        }
      }
      if (generated[1] <= GENERATED_FPR * fraction * generated[0]
          && corpus[1] <= CORPUS_FPR * fraction * corpus[0]) {
        return threshold;
      }
    }
    return 0.99;
  }

  private static Map<String, String> metrics(List<Row> rows, double[] risk, double threshold) {
    Map<String, int[]> counts = new TreeMap<>();
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      boolean benign = row.label().equals(PromptClassifier.BENIGN);
      for (String key :
          List.of(row.origin() + " " + row.category(), row.origin() + " " + row.label())) {
        int[] c = counts.computeIfAbsent(key + (benign ? " FPR" : " recall"), k -> new int[2]);
        c[0]++;
        c[1] += risk[i] >= threshold ? 1 : 0;
      }
    }
    Map<String, String> out = new LinkedHashMap<>();
    counts.forEach(
        (key, c) ->
            out.put(
                key, String.format(Locale.ROOT, "%.4f (%d/%d)", (double) c[1] / c[0], c[1], c[0])));
    return out;
  }

  private static Map<String, Integer> count(
      List<Row> rows, java.util.function.Function<Row, String> key) {
    Map<String, Integer> counts = new TreeMap<>();
    rows.forEach(row -> counts.merge(key.apply(row), 1, Integer::sum));
    return counts;
  }

  private static int fold(String group) {
    return Byte.toUnsignedInt(
            BenignPromptGenerator.sha256(group.getBytes(StandardCharsets.UTF_8))[1])
        % FOLDS;
  }

  private static String sha256(Path file) throws IOException {
    return BenignPromptGenerator.sha256Hex(Files.readAllBytes(file));
  }
}
