package dev.codegen.gateway.history;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * A position in the newest-first history: the (created_at, id) of the last job on a page. Encoded
 * as opaque base64url text so clients treat it as a token, not something to build.
 *
 * @param createdAt the last job's creation time (microsecond precision, as stored)
 * @param id the last job's id, breaking ties between jobs created in the same microsecond
 */
public record HistoryCursor(Instant createdAt, UUID id) {

  private static final String VERSION = "v1";

  /** The opaque text form. */
  public String encode() {
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
    String plain = VERSION + ":" + micros + ":" + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** Parses {@code text}, or returns empty when it is not a cursor this service issued. */
  public static Optional<HistoryCursor> decode(String text) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      String[] parts = plain.split(":", 3);
      if (parts.length != 3 || !parts[0].equals(VERSION)) {
        return Optional.empty();
      }
      Instant at = Instant.EPOCH.plus(Long.parseLong(parts[1]), ChronoUnit.MICROS);
      return Optional.of(new HistoryCursor(at, UUID.fromString(parts[2])));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
