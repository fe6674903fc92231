package dev.codegen.gateway.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HistoryCursorTests {

  @Test
  void roundTripsAtMicrosecondPrecision() {
    HistoryCursor cursor =
        new HistoryCursor(Instant.parse("2026-11-26T12:00:00.123456Z"), UUID.randomUUID());

    assertThat(HistoryCursor.decode(cursor.encode())).contains(cursor);
    assertThat(cursor.encode()).doesNotContain("=", "+", "/");
  }

  @Test
  void rejectsTextItDidNotIssue() {
    assertThat(HistoryCursor.decode("garbage!")).isEmpty();
    assertThat(HistoryCursor.decode(b64("v2:1:" + UUID.randomUUID()))).isEmpty();
    assertThat(HistoryCursor.decode(b64("v1:abc:" + UUID.randomUUID()))).isEmpty();
    assertThat(HistoryCursor.decode(b64("v1:1"))).isEmpty();
    assertThat(HistoryCursor.decode(b64("v1:1:not-a-uuid"))).isEmpty();
  }

  private static String b64(String text) {
    return Base64.getUrlEncoder().encodeToString(text.getBytes());
  }
}
