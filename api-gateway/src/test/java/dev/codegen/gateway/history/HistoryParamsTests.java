package dev.codegen.gateway.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.codegen.gateway.problem.FieldError;
import dev.codegen.gateway.problem.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HistoryParamsTests {

  @Test
  void readsEveryFilterAndDefaultsTheLimit() {
    HistoryQuery query =
        HistoryParams.parse(
            "succeeded",
            "java",
            "b-1",
            "2026-01-01T00:00:00Z",
            "2026-02-01T00:00:00Z",
            null,
            null,
            10);

    assertThat(query.status()).isEqualTo("succeeded");
    assertThat(query.language()).isEqualTo("java");
    assertThat(query.batchId()).isEqualTo("b-1");
    assertThat(query.from()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(query.limit()).isEqualTo(HistoryParams.DEFAULT_LIMIT);
    assertThat(query.after()).isNull();
  }

  @Test
  void refusesNulAndOtherControlCharactersInBatchIdBeforePostgresSeesThem() {
    assertThat(fields(null, null, "a\u0000b", null, null, null, null)).containsExactly("batch_id");
    assertThat(fields(null, null, "a\nb", null, null, null, null)).containsExactly("batch_id");
    assertThat(fields(null, null, "x".repeat(11), null, null, null, null))
        .containsExactly("batch_id");
  }

  @ParameterizedTest
  @ValueSource(strings = {"kotlin", "rust", "c", "cpp", "csharp", "php", "ruby", "sql"})
  void filtersByTheNewLanguages(String language) {
    assertThat(parse(null, language, null, null, null, null, null).language()).isEqualTo(language);
  }

  @Test
  void acceptsOnlyExactWireNamesForStatusAndLanguage() {
    assertThat(fields("Succeeded", "Java", null, null, null, null, null))
        .containsExactly("status", "language");
    assertThat(fields(" queued", "java ", null, null, null, null, null))
        .containsExactly("status", "language");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "101", "-1", "+5", "1.0", "", "٣", "99999999999", "1e1"})
  void refusesALimitThatIsNotAnIntegerFromOneToOneHundred(String limit) {
    assertThat(fields(null, null, null, null, null, limit, null)).containsExactly("limit");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"yesterday", "2026-01-01", "+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z"})
  void refusesDatesThatAreNotIsoOrOutsideTheYearsPostgresStores(String at) {
    assertThat(fields(null, null, null, at, at, null, null)).containsExactly("from", "to");
  }

  @Test
  void refusesAToThatIsNotAfterFrom() {
    assertThat(fields(null, null, null, "2026-01-02T00:00:00Z", "2026-01-01T00:00:00Z", null, null))
        .containsExactly("to");
  }

  @Test
  void refusesCursorsItDidNotIssueIncludingPositionsPastWhatPostgresStores() {
    String far = b64("v1:" + Long.MAX_VALUE + ":" + UUID.randomUUID());
    String beyond = b64("v1:" + 400_000_000_000_000_000L + ":" + UUID.randomUUID());
    for (String cursor : List.of("garbage!", far, beyond, "A".repeat(500), "")) {
      assertThat(fields(null, null, null, null, null, null, cursor)).containsExactly("cursor");
    }
    HistoryCursor issued =
        new HistoryCursor(Instant.parse("2026-01-01T00:00:00Z"), UUID.randomUUID());
    assertThat(parse(null, null, null, null, null, null, issued.encode()).after())
        .isEqualTo(issued);
  }

  @Test
  void reportsEveryBadParameterAtOnce() {
    assertThat(fields("x", "x", "\u0001", "x", "x", "x", "x"))
        .containsExactly("status", "language", "batch_id", "from", "to", "limit", "cursor");
  }

  private static HistoryQuery parse(
      String status,
      String language,
      String batch,
      String from,
      String to,
      String limit,
      String cursor) {
    return HistoryParams.parse(status, language, batch, from, to, limit, cursor, 10);
  }

  private static List<String> fields(
      String status,
      String language,
      String batch,
      String from,
      String to,
      String limit,
      String cursor) {
    InvalidRequestException e =
        catchThrowableOfType(
            InvalidRequestException.class,
            () -> parse(status, language, batch, from, to, limit, cursor));
    assertThat(e).isNotNull();
    return e.errors().stream().map(FieldError::field).toList();
  }

  private static String b64(String text) {
    return Base64.getUrlEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
