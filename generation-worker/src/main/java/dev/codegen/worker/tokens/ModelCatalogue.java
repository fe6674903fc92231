package dev.codegen.worker.tokens;

import com.knuddels.jtokkit.api.EncodingType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Model families as data: the tokenizer, context window and most output tokens of each, from the
 * bundled {@code models.json} (OpenAI's published numbers, each entry naming its source) and the
 * operator's additions and overrides ({@code CODEGEN_MODELS}). A model name belongs to the family
 * of the longest prefix it equals or continues after {@code -} or {@code :} (so {@code gpt-4o} is
 * not taken for {@code gpt-4}); {@code ft:} of fine-tuned models is ignored; any other name gets
 * the default family. Immutable and thread-safe.
 */
public final class ModelCatalogue {

  /** The prefix that names the default family in an override. */
  public static final String DEFAULT_PREFIX = "*";

  static final String RESOURCE = "models.json";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ModelFamily defaultFamily;

  /** Longest prefix first. */
  private final List<ModelFamily> families;

  private ModelCatalogue(ModelFamily defaultFamily, Iterable<ModelFamily> families) {
    this.defaultFamily = defaultFamily;
    List<ModelFamily> sorted = new ArrayList<>();
    families.forEach(sorted::add);
    sorted.sort(Comparator.comparingInt((ModelFamily f) -> f.prefix().length()).reversed());
    this.families = List.copyOf(sorted);
  }

  /** The catalogue shipped with the worker. */
  public static ModelCatalogue bundled() {
    try (InputStream in = ModelCatalogue.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing " + RESOURCE);
      }
      JsonNode root = JSON.readTree(in);
      ModelFamily fallback = entry(RESOURCE, DEFAULT_PREFIX, root.path("default"), null);
      Map<String, ModelFamily> families = new LinkedHashMap<>();
      for (JsonNode node : root.path("families")) {
        String prefix = normalise(text(RESOURCE, node, "prefix"));
        if (families.put(prefix, entry(RESOURCE, prefix, node, null)) != null) {
          throw new IllegalStateException(RESOURCE + ": " + prefix + " appears twice");
        }
      }
      return new ModelCatalogue(fallback, families.values());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /**
   * This catalogue with the operator's entries ({@code CODEGEN_MODELS}): a JSON array, inline or in
   * the file it names, of {@code {"prefix", "encoding", "context_window", "max_output_tokens"}}. An
   * entry replaces the family of the same prefix or adds one; the fields it leaves out are taken
   * from the family its prefix belongs to so far. Prefix {@code *} is the default family. Blank
   * means no change. Errors name the entry and stop the worker at start.
   */
  public ModelCatalogue withOverrides(String overrides) {
    if (overrides == null || overrides.isBlank()) {
      return this;
    }
    String origin = "CODEGEN_MODELS";
    String json = overrides.strip();
    if (!json.startsWith("[")) {
      origin = json;
      try {
        json = Files.readString(Path.of(json));
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException(
            "CODEGEN_MODELS is neither a JSON array nor a readable file: " + overrides, e);
      }
    }
    JsonNode array;
    try {
      array = JSON.readTree(json);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(origin + ": not JSON: " + e.getOriginalMessage(), e);
    }
    if (!array.isArray()) {
      throw new IllegalArgumentException(origin + ": must be a JSON array of model entries");
    }
    ModelFamily fallback = defaultFamily;
    Map<String, ModelFamily> families = new LinkedHashMap<>();
    this.families.forEach(f -> families.put(f.prefix(), f));
    for (JsonNode node : array) {
      String prefix = normalise(text(origin, node, "prefix"));
      if (prefix.equals(DEFAULT_PREFIX)) {
        fallback = entry(origin, prefix, node, fallback);
      } else {
        ModelFamily base = new ModelCatalogue(fallback, families.values()).family(prefix);
        families.put(prefix, entry(origin, prefix, node, base));
      }
    }
    return new ModelCatalogue(fallback, families.values());
  }

  /** The family of {@code model}; the default family for {@code null} or an unknown name. */
  public ModelFamily family(String model) {
    if (model == null) {
      return defaultFamily;
    }
    String name = normalise(model);
    if (name.startsWith("ft:")) {
      name = name.substring(3);
    }
    for (ModelFamily family : families) {
      String prefix = family.prefix();
      if (name.equals(prefix)
          || (name.startsWith(prefix)
              && (name.charAt(prefix.length()) == '-' || name.charAt(prefix.length()) == ':'))) {
        return family;
      }
    }
    return defaultFamily;
  }

  public ModelFamily defaultFamily() {
    return defaultFamily;
  }

  /** Every family but the default, longest prefix first. */
  public List<ModelFamily> families() {
    return families;
  }

  private static ModelFamily entry(String origin, String prefix, JsonNode node, ModelFamily base) {
    String where = origin + ", " + prefix;
    if (!node.isObject()) {
      throw new IllegalArgumentException(where + ": must be a JSON object");
    }
    try {
      EncodingType encoding;
      if (node.path("encoding").isString()) {
        String name = node.get("encoding").asString().strip();
        encoding =
            EncodingType.fromName(name)
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "unknown encoding "
                                + name
                                + "; one of "
                                + Arrays.stream(EncodingType.values())
                                    .map(EncodingType::getName)
                                    .toList()));
      } else if (base != null) {
        encoding = base.encoding();
      } else {
        throw new IllegalArgumentException("encoding missing");
      }
      int window = number(node, "context_window", base == null ? null : base.contextWindow());
      int output = number(node, "max_output_tokens", base == null ? null : base.maxOutputTokens());
      return new ModelFamily(prefix, encoding, window, output);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }

  private static int number(JsonNode node, String field, Integer inherited) {
    JsonNode value = node.path(field);
    if (value.isMissingNode() || value.isNull()) {
      if (inherited == null) {
        throw new IllegalArgumentException(field + " missing");
      }
      return inherited;
    }
    if (!value.isInt()) {
      throw new IllegalArgumentException(field + " must be a whole number, not " + value);
    }
    return value.asInt();
  }

  private static String text(String origin, JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (!value.isString() || value.asString().isBlank()) {
      throw new IllegalArgumentException(origin + ": an entry has no " + field + ": " + node);
    }
    return value.asString();
  }

  private static String normalise(String model) {
    return model.strip().toLowerCase(Locale.ROOT);
  }
}
