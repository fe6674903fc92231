package dev.codegen.gateway.http;

import dev.codegen.gateway.problem.Problem;
import dev.codegen.gateway.problem.ProblemType;
import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.http.HttpStatus;

/**
 * Writes the errors Tomcat answers by itself (a malformed or over-long request line, path or
 * header, {@code %00} in a path, an exception that escaped every handler) as problem details
 * instead of Tomcat's HTML page. Spring's own answers never reach it: they are written before it
 * runs. The detail is ours and fixed per status: Tomcat's messages can quote the offending request.
 */
class ProblemErrorReportValve extends ErrorReportValve {

  private static final int MAX_INSTANCE = 200;

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    if (throwable instanceof InvalidParameterException && response.getStatus() == 500) {
      // An undecodable query string met before Spring's handlers (in a filter): the client's.
      response.setStatus(400);
    }
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(true);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return; // the connection is already broken
    }
    try {
      response.setContentType(Problem.MEDIA_TYPE.toString());
      response.setCharacterEncoding("UTF-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(body(status, instance(request)));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // the client is gone or the response was committed meanwhile: nothing left to tell
    }
  }

  static String body(int status, String instance) {
    ProblemType type = typeOf(status);
    HttpStatus known = HttpStatus.resolve(status);
    String title = type.status().value() == status ? type.title() : reason(known);
    StringBuilder json = new StringBuilder(256);
    json.append("{\"type\":\"").append(type.uri()).append('"');
    json.append(",\"title\":\"").append(title).append('"');
    json.append(",\"status\":").append(status);
    json.append(",\"detail\":\"").append(detail(status)).append('"');
    if (!instance.isEmpty()) {
      json.append(",\"instance\":\"").append(instance).append('"');
    }
    return json.append('}').toString();
  }

  private static ProblemType typeOf(int status) {
    return switch (status) {
      case 404 -> ProblemType.NOT_FOUND;
      case 405 -> ProblemType.METHOD_NOT_ALLOWED;
      case 406 -> ProblemType.NOT_ACCEPTABLE;
      case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
      case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
      case 503 -> ProblemType.UNAVAILABLE;
      default -> status < 500 ? ProblemType.BAD_REQUEST : ProblemType.INTERNAL;
    };
  }

  private static String detail(int status) {
    if (status == 400) {
      return "the request line, path or headers are malformed or too large";
    }
    return status < 500 ? "the request was refused" : "an unexpected error occurred";
  }

  private static String reason(HttpStatus status) {
    return status == null ? "Error" : status.getReasonPhrase();
  }

  /** The request path as far as it is plain; never anything that needs escaping in JSON. */
  private static String instance(Request request) {
    String uri;
    try {
      uri = request.getRequestURI();
    } catch (RuntimeException e) {
      return "";
    }
    if (uri == null) {
      return "";
    }
    String plain = uri.replaceAll("[^A-Za-z0-9/._~%-]", "");
    return plain.length() > MAX_INSTANCE ? plain.substring(0, MAX_INSTANCE) : plain;
  }
}
