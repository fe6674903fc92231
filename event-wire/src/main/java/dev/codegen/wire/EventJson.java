package dev.codegen.wire;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of every record on our topics (and of the JSON columns that hold events): the
 * shared-model records as snake_case text with ISO-8601 instants. One mapper for every service, so
 * what one writes the others read. Readers ignore fields they do not know (additive changes must
 * not break older services) and take an absent primitive as its default (bulk tools omit them).
 */
public final class EventJson {

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  private EventJson() {}

  /** {@code value} as JSON text. */
  public static String write(Object value) {
    return MAPPER.writeValueAsString(value);
  }

  /**
   * {@code text} read as {@code type}.
   *
   * @throws JacksonException when it is not valid JSON for {@code type}
   */
  public static <T> T read(String text, Class<T> type) {
    return MAPPER.readValue(text, type);
  }

  /**
   * {@code text} as a tree, for readers that check JSON types themselves.
   *
   * @throws JacksonException when it is not valid JSON
   */
  public static JsonNode tree(String text) {
    return MAPPER.readTree(text);
  }

  /** A tree already read, as {@code type}. */
  public static <T> T convert(JsonNode tree, Class<T> type) {
    return MAPPER.treeToValue(tree, type);
  }
}
