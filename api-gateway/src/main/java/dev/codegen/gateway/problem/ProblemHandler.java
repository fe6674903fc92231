package dev.codegen.gateway.problem;

import dev.codegen.gateway.database.DatabaseUnavailable;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;

/** Turns every failure into RFC 9457 problem details; never a stack trace to the client. */
@RestControllerAdvice
class ProblemHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
  private static final String RETRY_AFTER_SECONDS = "1";
  // An outage outlasts an overload: ask clients to wait a little longer before the next try.
  private static final String DATABASE_RETRY_AFTER_SECONDS = "5";

  @ExceptionHandler(InvalidRequestException.class)
  ResponseEntity<Problem> invalid(InvalidRequestException e, HttpServletRequest request) {
    String detail =
        e.errors().stream().map(FieldError::field).distinct().collect(Collectors.joining(", "));
    return Problem.of(
            ProblemType.VALIDATION, "invalid fields: " + detail, path(request), e.errors())
        .toResponse();
  }

  @ExceptionHandler(ProblemException.class)
  ResponseEntity<Problem> known(ProblemException e, HttpServletRequest request) {
    Problem problem = Problem.of(e.type(), e.getMessage(), path(request));
    ResponseEntity.BodyBuilder response =
        ResponseEntity.status(problem.status()).contentType(Problem.MEDIA_TYPE);
    e.headers().forEach(response::header);
    if (e.type() == ProblemType.UNAVAILABLE && !e.headers().containsKey(HttpHeaders.RETRY_AFTER)) {
      // Overload and store outages are short-lived: tell clients when to try again.
      response.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }
    return response.body(problem);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Problem> unreadable(
      HttpMessageNotReadableException e, HttpServletRequest request) {
    if (causedBy(e, BodyTooLargeException.class)) {
      return Problem.of(ProblemType.PAYLOAD_TOO_LARGE, e.getCause().getMessage(), path(request))
          .toResponse();
    }
    JacksonException json = findCause(e, JacksonException.class);
    if (json != null && !json.getPath().isEmpty()) {
      String field =
          json.getPath().stream()
              .map(
                  r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining("."));
      return Problem.of(
              ProblemType.MALFORMED_REQUEST,
              "the request body does not match the expected JSON shape",
              path(request),
              List.of(new FieldError(field, "has the wrong type")))
          .toResponse();
    }
    return Problem.of(
            ProblemType.MALFORMED_REQUEST, "the request body is not valid JSON", path(request))
        .toResponse();
  }

  /** Tomcat could not decode a parameter (not UTF-8 once percent-decoded) or found too many. */
  @ExceptionHandler(InvalidParameterException.class)
  ResponseEntity<Problem> undecodable(HttpServletRequest request) {
    return Problem.of(
            ProblemType.BAD_REQUEST,
            "the query string cannot be decoded as UTF-8 or has too many parameters",
            path(request))
        .toResponse();
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<Problem> mediaType(HttpServletRequest request) {
    return Problem.of(
            ProblemType.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json", path(request))
        .toResponse();
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  ResponseEntity<Problem> notAcceptable(HttpServletRequest request) {
    return Problem.of(
            ProblemType.NOT_ACCEPTABLE,
            "this resource is available as application/json",
            path(request))
        .toResponse();
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<Problem> method(
      HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
    Problem problem =
        Problem.of(
            ProblemType.METHOD_NOT_ALLOWED,
            e.getMethod() + " is not supported here",
            path(request));
    HttpHeaders headers = new HttpHeaders();
    if (e.getSupportedHttpMethods() != null) {
      headers.setAllow(e.getSupportedHttpMethods());
    }
    return ResponseEntity.status(problem.status())
        .headers(headers)
        .contentType(Problem.MEDIA_TYPE)
        .body(problem);
  }

  @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
  ResponseEntity<Problem> noRoute(HttpServletRequest request) {
    return Problem.of(ProblemType.NOT_FOUND, "no resource at this path", path(request))
        .toResponse();
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Problem> typeMismatch(
      MethodArgumentTypeMismatchException e, HttpServletRequest request) {
    return invalid(new InvalidRequestException(e.getName(), "has the wrong type"), request);
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<Problem> missing(
      MissingServletRequestParameterException e, HttpServletRequest request) {
    return invalid(new InvalidRequestException(e.getParameterName(), "is required"), request);
  }

  @ExceptionHandler({DataAccessException.class, TransactionException.class})
  ResponseEntity<Problem> database(Exception e, HttpServletRequest request) {
    if (!DatabaseUnavailable.means(e)) {
      return unexpected(e, request);
    }
    log.warn("database unavailable on {} {}: {}", request.getMethod(), path(request), e.toString());
    Problem problem =
        Problem.of(
            ProblemType.UNAVAILABLE,
            "the job store is unavailable, try again shortly",
            path(request));
    return ResponseEntity.status(problem.status())
        .header(HttpHeaders.RETRY_AFTER, DATABASE_RETRY_AFTER_SECONDS)
        .contentType(Problem.MEDIA_TYPE)
        .body(problem);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Problem> unexpected(Exception e, HttpServletRequest request) {
    log.error("unexpected error on {} {}", request.getMethod(), path(request), e);
    return Problem.of(ProblemType.INTERNAL, "an unexpected error occurred", path(request))
        .toResponse();
  }

  private static String path(HttpServletRequest request) {
    return request.getRequestURI();
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    return findCause(e, type) != null;
  }

  private static <T extends Throwable> T findCause(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
