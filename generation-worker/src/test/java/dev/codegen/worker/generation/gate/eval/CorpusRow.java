package dev.codegen.worker.generation.gate.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One labelled row of the shared corpus ({@code ../shared/corpus/}, never copied into the
 * repository): its text (prompt, secret context or code) and the fields evaluations group by.
 *
 * @param id the row id, which decides its {@link CorpusSplit}
 * @param text the prompt, the secret's text or the code
 * @param fields every other field of the row
 */
public record CorpusRow(String id, String text, JsonNode fields) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The corpus directory named by {@code -Dcodegen.corpus}, e.g. {@code /work/shared/corpus}. */
  public static Path corpus() {
    return Path.of(System.getProperty("codegen.corpus", "../../shared/corpus"));
  }

  /** Every row of {@code file} (relative to the corpus) in {@code split}. */
  public static List<CorpusRow> read(String file, CorpusSplit split) {
    try {
      return Files.readAllLines(corpus().resolve(file)).stream()
          .filter(line -> !line.isBlank())
          .map(CorpusRow::parse)
          .filter(row -> CorpusSplit.of(row.id()) == split)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static CorpusRow parse(String line) {
    JsonNode node = JSON.readTree(line);
    String text = node.has("text") ? node.get("text").asString() : node.get("code").asString();
    return new CorpusRow(node.get("id").asString(), text, node);
  }

  /** A field as text, or {@code "-"} when absent. */
  public String field(String name) {
    JsonNode value = fields.path(name);
    return value.isMissingNode() || value.isNull() ? "-" : value.asString();
  }
}
