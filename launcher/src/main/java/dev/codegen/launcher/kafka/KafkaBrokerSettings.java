package dev.codegen.launcher.kafka;

import java.nio.file.Path;
import java.util.Map;

/**
 * How to run the in-process broker.
 *
 * @param port the client port to prefer; 0 picks a free one, and a taken port falls back to a free
 *     one
 * @param dataDirectory where the log lives; reused across runs when it is already formatted
 * @param overrides extra broker properties, applied last
 */
public record KafkaBrokerSettings(int port, Path dataDirectory, Map<String, String> overrides) {

  public KafkaBrokerSettings {
    overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
  }

  public KafkaBrokerSettings(int port, Path dataDirectory) {
    this(port, dataDirectory, Map.of());
  }
}
