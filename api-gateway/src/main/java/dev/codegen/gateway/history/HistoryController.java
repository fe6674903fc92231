package dev.codegen.gateway.history;

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
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /history}: recent jobs, newest first, filtered, cursor-paginated. */
@RestController
class HistoryController {

  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;

  private static final String STATUSES =
      Arrays.stream(JobStatus.values()).map(JobStatus::wireName).collect(Collectors.joining(", "));

  private final HistoryRepository repository;

  HistoryController(HistoryRepository repository) {
    this.repository = repository;
  }

  @GetMapping(path = "/history", produces = MediaType.APPLICATION_JSON_VALUE)
  HistoryPage history(
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String language,
      @RequestParam(name = "batch_id", required = false) String batchId,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String limit,
      @RequestParam(required = false) String cursor) {
    List<FieldError> errors = new ArrayList<>();
    String statusName = null;
    if (status != null) {
      statusName = JobStatus.fromWire(status).map(JobStatus::wireName).orElse(null);
      if (statusName == null) {
        errors.add(new FieldError("status", "is not a job status; one of: " + STATUSES));
      }
    }
    String languageName = null;
    if (language != null) {
      languageName = Language.fromWire(language).map(Language::wireName).orElse(null);
      if (languageName == null) {
        errors.add(
            new FieldError(
                "language",
                "is not supported; one of: " + String.join(", ", Language.wireNames())));
      }
    }
    Instant fromAt = instant("from", from, errors);
    Instant toAt = instant("to", to, errors);
    if (fromAt != null && toAt != null && !fromAt.isBefore(toAt)) {
      errors.add(new FieldError("to", "must be after from"));
    }
    int size = limit(limit, errors);
    HistoryCursor after = null;
    if (cursor != null) {
      after = HistoryCursor.decode(cursor).orElse(null);
      if (after == null) {
        errors.add(new FieldError("cursor", "is not a cursor this service issued"));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return repository.page(
        new HistoryQuery(statusName, languageName, batchId, fromAt, toAt, size, after));
  }

  private static Instant instant(String field, String value, List<FieldError> errors) {
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(field, "must be an ISO-8601 date-time, e.g. 2026-11-26T12:00:00Z"));
      return null;
    }
  }

  private static int limit(String value, List<FieldError> errors) {
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(new FieldError("limit", "must be an integer between 1 and " + MAX_LIMIT));
    return DEFAULT_LIMIT;
  }
}
