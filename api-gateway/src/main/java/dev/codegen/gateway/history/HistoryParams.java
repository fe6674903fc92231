package dev.codegen.gateway.history;

import dev.codegen.gateway.job.RequestText;
import dev.codegen.gateway.problem.FieldError;
import dev.codegen.gateway.problem.InvalidRequestException;
import dev.codegen.model.JobStatus;
import dev.codegen.model.Language;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The query parameters of {@code GET /history}, checked before any reaches PostgreSQL: exact wire
 * names, no control characters (PostgreSQL refuses NUL), dates and cursor positions within the
 * years PostgreSQL stores, a limit of plain digits. Every bad parameter is reported at once.
 */
final class HistoryParams {

  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;
  static final int MAX_CURSOR_CHARS = 200;

  private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");
  private static final String STATUSES =
      Arrays.stream(JobStatus.values()).map(JobStatus::wireName).collect(Collectors.joining(", "));
  private static final String LANGUAGES = String.join(", ", Language.wireNames());

  private HistoryParams() {}

  /** The query these parameters ask for; {@code null} means the parameter was not sent. */
  static HistoryQuery parse(
      String status,
      String language,
      String batchId,
      String from,
      String to,
      String limit,
      String cursor,
      int maxIdChars) {
    List<FieldError> errors = new ArrayList<>();
    String statusName = null;
    if (status != null) {
      statusName = JobStatus.fromWire(status).map(JobStatus::wireName).orElse(null);
      if (statusName == null) {
        errors.add(new FieldError("status", "must be one of: " + STATUSES));
      }
    }
    String languageName = null;
    if (language != null) {
      languageName = Language.wireNames().contains(language) ? language : null;
      if (languageName == null) {
        errors.add(new FieldError("language", "must be one of: " + LANGUAGES));
      }
    }
    if (batchId != null && RequestText.hasControl(batchId)) {
      errors.add(new FieldError("batch_id", "must not contain control characters"));
    } else if (batchId != null && RequestText.length(batchId) > maxIdChars) {
      errors.add(new FieldError("batch_id", "must be at most " + maxIdChars + " characters"));
    }
    Instant fromAt = instant("from", from, errors);
    Instant toAt = instant("to", to, errors);
    if (fromAt != null && toAt != null && !fromAt.isBefore(toAt)) {
      errors.add(new FieldError("to", "must be after from"));
    }
    int size = limit(limit, errors);
    HistoryCursor after = cursor(cursor, errors);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return new HistoryQuery(statusName, languageName, batchId, fromAt, toAt, size, after);
  }

  private static Instant instant(String field, String value, List<FieldError> errors) {
    if (value == null) {
      return null;
    }
    try {
      Instant at = OffsetDateTime.parse(value).toInstant();
      if (storable(at)) {
        return at;
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    errors.add(
        new FieldError(
            field, "must be an ISO-8601 date-time in years 1 to 9999, e.g. 2026-11-26T12:00:00Z"));
    return null;
  }

  private static int limit(String value, List<FieldError> errors) {
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    if (DIGITS.matcher(value).matches()) {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    }
    errors.add(new FieldError("limit", "must be an integer between 1 and " + MAX_LIMIT));
    return DEFAULT_LIMIT;
  }

  private static HistoryCursor cursor(String value, List<FieldError> errors) {
    if (value == null) {
      return null;
    }
    HistoryCursor cursor = null;
    if (value.length() <= MAX_CURSOR_CHARS) {
      try {
        cursor = HistoryCursor.decode(value).filter(c -> storable(c.createdAt())).orElse(null);
      } catch (RuntimeException e) {
        // a position past what Instant holds: not one this service issued
      }
    }
    if (cursor == null) {
      errors.add(new FieldError("cursor", "is not a cursor this service issued"));
    }
    return cursor;
  }

  private static boolean storable(Instant at) {
    return !at.isBefore(EARLIEST) && !at.isAfter(LATEST);
  }
}
