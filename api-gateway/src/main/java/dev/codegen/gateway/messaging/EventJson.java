package dev.codegen.gateway.messaging;

import org.springframework.stereotype.Component;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapper for Kafka records and JSONB columns: the shared-model records as snake_case JSON
 * with ISO-8601 instants. Separate from the HTTP mapper so HTTP settings never change the wire
 * format other services read.
 */
@Component
public class EventJson {

  private final JsonMapper mapper =
      JsonMapper.builder().disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS).build();

  /** Writes {@code value} as JSON text. */
  public String write(Object value) {
    return mapper.writeValueAsString(value);
  }

  /** Reads {@code text}; throws a Jackson exception when it is not valid for {@code type}. */
  public <T> T read(String text, Class<T> type) {
    return mapper.readValue(text, type);
  }
}
