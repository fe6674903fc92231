package dev.codegen.gateway.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

class PgValuesTests {

  @Test
  void dropsNulCharactersFromText() {
    assertThat(PgValues.text("row" + (char) 0 + "-7" + (char) 0)).isEqualTo("row-7");
    assertThat(PgValues.text("plain")).isEqualTo("plain");
    assertThat(PgValues.text(null)).isNull();
  }

  @Test
  void dropsEscapedNulsFromJsonButKeepsEscapedBackslashes() {
    String bs = "\\";
    // {"k":"a<NUL>b","x":"<backslash>u0000","y":"<backslash><NUL>"}
    String json =
        "{\"k\":\"a"
            + bs
            + "u0000b\",\"x\":\""
            + bs
            + bs
            + "u0000\",\"y\":\""
            + bs
            + bs
            + bs
            + "u0000\"}";

    assertThat(PgValues.json(json))
        .isEqualTo("{\"k\":\"ab\",\"x\":\"" + bs + bs + "u0000\",\"y\":\"" + bs + bs + "\"}");
    assertThat(PgValues.json("{\"k\":\"v\"}")).isEqualTo("{\"k\":\"v\"}");
    assertThat(PgValues.json(null)).isNull();
  }

  @Test
  void treatsTimesOutsideYearsOneToNineThousandNineHundredNinetyNineAsAbsent() {
    Instant now = Instant.parse("2026-11-26T12:00:00Z");
    assertThat(PgValues.time(now)).isEqualTo(now);
    assertThat(PgValues.time(Instant.parse("0001-01-01T00:00:00Z"))).isNotNull();
    assertThat(PgValues.time(Instant.parse("+300000-01-01T00:00:00Z"))).isNull();
    assertThat(PgValues.time(Instant.parse("-4714-01-01T00:00:00Z"))).isNull();
    assertThat(PgValues.time(Instant.parse("0000-12-31T23:59:59Z"))).isNull();
    assertThat(PgValues.time(null)).isNull();
  }

  @Test
  void tellsRefusedDataFromAnUnreachableDatabase() {
    SQLException check = new SQLException("new row violates check constraint", "23514");
    SQLException format = new SQLException("invalid input syntax", "22007");
    SQLException refused = new SQLException("Connection refused", "08001");

    assertThat(RefusedData.sqlState(new DataIntegrityViolationException("x", check)))
        .contains("23514");
    assertThat(RefusedData.sqlState(new RuntimeException(format))).contains("22007");
    assertThat(RefusedData.sqlState(new CannotGetJdbcConnectionException("down", refused)))
        .isEmpty();
    assertThat(RefusedData.sqlState(new SQLException("no state"))).isEmpty();
    assertThat(RefusedData.sqlState(new IllegalStateException("no sql"))).isEmpty();
  }
}
