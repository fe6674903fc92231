package dev.codegen.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codegen.gateway.support.GatewayIntegrationTest;
import dev.codegen.gateway.support.RawHttp;
import dev.codegen.gateway.support.RawHttp.Answer;
import dev.codegen.gateway.support.Requests;
import dev.codegen.gateway.support.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generated requests against a started gateway over real sockets: every endpoint, every history
 * parameter, unknown paths and methods, with boundary and hostile values (control characters, NUL,
 * lone surrogates, wrong JSON types, huge values, odd percent-encodings). Whatever is sent, the
 * gateway never answers 5xx, and every error is problem details whose {@code status} is the HTTP
 * status. Seeded, so a failure names the seed and the request that found it ({@code -Dfuzz.seed},
 * {@code -Dfuzz.cases} to explore further).
 */
@GatewayIntegrationTest
class HttpApiFuzzIntegrationTests {

  private static final long SEED = Long.getLong("fuzz.seed", 20261207L);
  private static final int CASES = Integer.getInteger("fuzz.cases", 2_000);
  private static final Duration BUDGET = Duration.ofSeconds(45);
  private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"};
  private static final String[] FIELDS = {
    "prompt",
    "language",
    "max_tokens",
    "model",
    "metadata",
    "custom_id",
    "batch_id",
    "job_id",
    "requested_at",
    "x"
  };
  private static final String[] PARAMS = {
    "status", "language", "batch_id", "from", "to", "limit", "cursor", "other"
  };

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
  }

  @LocalServerPort int port;

  private final JsonMapper json = JsonMapper.builder().build();
  private final Random random = new Random(SEED);
  private String existingJob;

  @Test
  void neverAnswers5xxAndEveryErrorIsAProblemWithItsStatus() {
    existingJob = json.readTree(post("/generate", Requests.valid()).body()).get("id").asString();
    long deadline = System.nanoTime() + BUDGET.toNanos();
    int sent = 0;
    for (; sent < CASES && System.nanoTime() < deadline; sent++) {
      Request request = request();
      Answer answer = RawHttp.exchange(port, request.bytes());
      check(request, answer, sent);
    }
    assertThat(sent).as("cases sent within %s", BUDGET).isGreaterThan(200);
  }

  private void check(Request request, Answer answer, int n) {
    String what = "seed " + SEED + ", case " + n + ": " + request;
    assertThat(answer.status()).as(what).isBetween(100, 499);
    if (answer.status() >= 300) {
      assertThat(answer.contentType()).as(what).startsWith("application/problem+json");
      JsonNode problem = json.readTree(answer.body());
      assertThat(problem.get("status").asInt()).as(what).isEqualTo(answer.status());
      assertThat(problem.get("type").asString())
          .as(what)
          .startsWith("https://codegen.dev/problems/");
    }
  }

  /** One generated request. */
  private Request request() {
    return switch (random.nextInt(8)) {
      case 0, 1, 2 -> generate();
      case 3 -> new Request("GET", "/jobs/" + segment(), "", new byte[0]);
      case 4 -> new Request("GET", "/jobs/" + segment() + "/audit", "", new byte[0]);
      case 5 -> new Request("POST", "/jobs/" + segment() + "/cancel", "", new byte[0]);
      case 6 -> new Request("GET", "/history" + query(), "", new byte[0]);
      default -> elsewhere();
    };
  }

  private Request generate() {
    String type =
        switch (random.nextInt(12)) {
          case 0 -> "text/plain";
          case 1 -> "application/json; charset=latin1";
          case 2 -> "";
          default -> "application/json";
        };
    String headers = type.isEmpty() ? "" : "Content-Type: " + type;
    if (random.nextInt(10) == 0) {
      headers += (headers.isEmpty() ? "" : "\r\n") + "Accept: text/plain";
    }
    return new Request("POST", "/generate", headers, body());
  }

  private Request elsewhere() {
    String method = METHODS[random.nextInt(METHODS.length)];
    String[] paths = {
      "/generate",
      "/history",
      "/jobs/" + existingJob,
      "/jobs/" + existingJob + "/audit",
      "/jobs/" + existingJob + "/cancel",
      "/" + segment(),
      "/jobs",
      "/jobs/",
      "/error",
      "/generate/" + segment(),
      "/history/" + segment(),
      "//history",
      "/jobs/" + segment() + "/x"
    };
    return new Request(method, paths[random.nextInt(paths.length)], "", new byte[0]);
  }

  private byte[] body() {
    switch (random.nextInt(10)) {
      case 0:
        return text(random.nextInt(3) == 0 ? 300 : 20).getBytes(StandardCharsets.UTF_8);
      case 1:
        return value(2).getBytes(StandardCharsets.UTF_8); // any JSON value, object or not
      case 2:
        return invalidUtf8();
      default:
        StringBuilder object = new StringBuilder("{");
        int fields = random.nextInt(9);
        for (int i = 0; i < fields; i++) {
          if (i > 0) {
            object.append(',');
          }
          String field = FIELDS[random.nextInt(FIELDS.length)];
          object.append('"').append(field).append("\":").append(fieldValue(field));
        }
        return object.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }
  }

  /** Mostly plausible values for {@code field}, often of the wrong type or at a boundary. */
  private String fieldValue(String field) {
    if (random.nextInt(3) > 0) {
      return value(2);
    }
    return switch (field) {
      case "prompt" -> quoted(random.nextBoolean() ? "write a sort" : text(random.nextInt(40_000)));
      case "language" -> pick("\"java\"", "\"Java\"", "\"go \"", "\"cobol\"", "\"\"");
      case "max_tokens" ->
          pick(
              "1",
              "0",
              "2048",
              "2049",
              "-1",
              "12.5",
              "1e3",
              "\"512\"",
              "2147483648",
              "9".repeat(40));
      case "metadata" -> pick("{\"a\":\"b\"}", "{\"a\":1}", "{\"\\u0000\":\"v\"}", "[]", "{}");
      default -> quoted(text(random.nextInt(3) == 0 ? 300 : 10));
    };
  }

  /** A random JSON value, nested at most {@code depth} deep. */
  private String value(int depth) {
    int kind = random.nextInt(depth > 0 ? 9 : 7);
    return switch (kind) {
      case 0 -> "null";
      case 1 -> random.nextBoolean() ? "true" : "false";
      case 2 -> String.valueOf(random.nextLong());
      case 3 -> String.valueOf(random.nextDouble() * 1e6);
      case 4 -> pick("0", "-0", "1e308", "-1e-308", "123456789012345678901234567890", "0.0");
      case 5, 6 -> quoted(text(random.nextInt(4) == 0 ? 1_000 : 12));
      case 7 -> "[" + value(depth - 1) + "," + value(depth - 1) + "]";
      default -> "{\"k\":" + value(depth - 1) + ",\"prompt\":" + value(depth - 1) + "}";
    };
  }

  /** Text for inside a JSON string: escapes of NUL, controls, lone surrogates, invisibles. */
  private String text(int length) {
    StringBuilder out = new StringBuilder();
    while (out.length() < length) {
      switch (random.nextInt(14)) {
        case 0 -> out.append("\\u0000");
        case 1 -> out.append("\\ud800");
        case 2 -> out.append("\\udfff\\ud83d");
        case 3 -> out.append("\\u200b\\ufeff\\u2060");
        case 4 -> out.append(String.format("\\u%04x", random.nextInt(0x20)));
        case 5 -> out.append("\\\"\\\\\\/");
        case 6 -> out.append("é漢😀");
        case 7 -> out.append(' ');
        default -> out.append((char) ('a' + random.nextInt(26)));
      }
    }
    return out.toString();
  }

  private byte[] invalidUtf8() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("{\"prompt\":\"".getBytes(StandardCharsets.UTF_8));
    out.writeBytes(new byte[] {(byte) 0xC0, (byte) 0xAF, (byte) 0xED, (byte) 0xA0, (byte) 0x80});
    out.writeBytes(new byte[] {(byte) 0xFF, 0});
    out.writeBytes("\",\"language\":\"go\"}".getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /** A path segment for a job id: real, random, hostile, encoded or huge. */
  private String segment() {
    return switch (random.nextInt(12)) {
      case 0 -> existingJob;
      case 1 -> java.util.UUID.randomUUID().toString();
      case 2 -> existingJob.toUpperCase(java.util.Locale.ROOT);
      case 3 -> "a".repeat(random.nextInt(10_000));
      case 4 -> pick("a%2Fb", "%2F", "a%00b", "%00", "%zz", "%", "%C0%AF", "%FF", "%u0000");
      case 5 -> pick("..", ".", "%2E%2E", "a;b", "a;jsessionid=1", "{id}", "*", "%20", "+");
      case 6 -> encoded(random.nextInt(60));
      case 7 -> raw(random.nextInt(20));
      default -> "x" + Integer.toHexString(random.nextInt());
    };
  }

  private String query() {
    if (random.nextInt(8) == 0) {
      return "";
    }
    List<String> pairs = new ArrayList<>();
    int count = 1 + random.nextInt(4);
    for (int i = 0; i < count; i++) {
      String name = PARAMS[random.nextInt(PARAMS.length)];
      pairs.add(name + "=" + paramValue(name));
    }
    return "?" + String.join("&", pairs);
  }

  private String paramValue(String name) {
    if (random.nextBoolean()) {
      return segment();
    }
    return switch (name) {
      case "status" -> pick("queued", "Queued", "succeeded", "x", "");
      case "language" -> pick("java", "JAVA", "%20java", "");
      case "from", "to" ->
          pick(
              "2026-01-01T00:00:00Z",
              "%2B10000-01-01T00:00:00Z",
              "yesterday",
              "0000-01-01T00:00:00Z");
      case "limit" -> pick("1", "100", "0", "101", "-1", "1.5", "%2B5", "99999999999999999999");
      case "cursor" -> pick("djE6MTox", "A".repeat(random.nextInt(5_000)), "%00", "====");
      default -> encoded(10);
    };
  }

  /** Percent-encoded random bytes (any byte, so invalid UTF-8 too). */
  private String encoded(int bytes) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < bytes; i++) {
      out.append(String.format("%%%02X", random.nextInt(256)));
    }
    return out.toString();
  }

  /** Raw characters the HTTP grammar does not allow in a request target. */
  private String raw(int length) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < length; i++) {
      out.append(pick("\u0001", "\u007f", "\"", "<", "`", "{", "|", "\\", "^", "é", "\t"));
    }
    return out.toString();
  }

  private String pick(String... options) {
    return options[random.nextInt(options.length)];
  }

  private static String quoted(String text) {
    return "\"" + text + "\"";
  }

  private RawHttp.Answer post(String path, String body) {
    return RawHttp.send(
        port,
        "POST",
        path,
        "Content-Type: application/json",
        body.getBytes(StandardCharsets.UTF_8));
  }

  /** A request as it goes on the wire. */
  private record Request(String method, String target, String headers, byte[] body) {

    byte[] bytes() {
      StringBuilder head = new StringBuilder();
      head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
      head.append("Host: localhost\r\nConnection: close\r\n");
      if (!headers.isEmpty()) {
        head.append(headers).append("\r\n");
      }
      if (body.length > 0 || method.equals("POST")) {
        head.append("Content-Length: ").append(body.length).append("\r\n");
      }
      head.append("\r\n");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
      out.writeBytes(body);
      return out.toByteArray();
    }

    @Override
    public String toString() {
      String shownTarget = target.length() > 200 ? target.substring(0, 200) + "..." : target;
      String shownBody = new String(body, StandardCharsets.UTF_8);
      if (shownBody.length() > 300) {
        shownBody = shownBody.substring(0, 300) + "...";
      }
      return method + " " + shownTarget + " [" + headers + "] " + shownBody;
    }
  }
}
