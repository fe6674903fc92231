package dev.codegen.worker.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.codegen.model.FailureReason;
import dev.codegen.model.Language;
import dev.codegen.model.TokenUsage;
import dev.codegen.worker.FakeResponsesApi;
import dev.codegen.worker.generation.CpuPool;
import dev.codegen.worker.generation.ModelRequest;
import dev.codegen.worker.generation.ModelResult;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The provider against a local server speaking the Responses API wire format. */
class OpenAiCodeGeneratorTests {

  static final String KEY = "sk-test-" + "local-only-key";

  static String body(String text) {
    return """
        {"id":"resp_1","object":"response","created_at":0,"model":"gpt-4.1","status":"completed",
         "parallel_tool_calls":false,"tool_choice":"auto","tools":[],
         "output":[{"type":"message","id":"msg_1","role":"assistant","status":"completed",
           "content":[{"type":"output_text","text":%s,"annotations":[]}]}],
         "usage":{"input_tokens":36,"input_tokens_details":{"cached_tokens":0},"output_tokens":6,
           "output_tokens_details":{"reasoning_tokens":0},"total_tokens":42}}
        """
        .formatted("\"" + text.replace("\n", "\\n") + "\"");
  }

  record Reply(int status, String body, String retryAfter, long delayMillis) {
    static Reply ok(String body) {
      return new Reply(200, body, null, 0);
    }
  }

  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final AtomicInteger calls = new AtomicInteger();
  private final CpuPool cpuPool = new CpuPool(2);
  private final Executor cpu = cpuPool.executor();
  private HttpServer server;
  private OpenAiCodeGenerator generator;

  private ModelResult call(Duration timeout, int maxRetries, Reply... replies) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/v1/responses",
        exchange -> {
          int n = calls.getAndIncrement();
          Reply reply = replies[Math.min(n, replies.length - 1)];
          requests.add(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
          respond(exchange, reply);
        });
    server.start();
    generator =
        new OpenAiCodeGenerator(
            new OpenAiProperties(
                KEY,
                "http://127.0.0.1:" + server.getAddress().getPort() + "/v1",
                "gpt-4.1",
                timeout,
                maxRetries),
            cpu);
    return generator
        .generate(new ModelRequest("j1", "write a factorial", Language.PYTHON, 256, null, 5))
        .join();
  }

  private static void respond(HttpExchange exchange, Reply reply) throws IOException {
    try {
      Thread.sleep(reply.delayMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    if (reply.retryAfter() != null) {
      exchange.getResponseHeaders().add("Retry-After", reply.retryAfter());
    }
    try {
      exchange.sendResponseHeaders(reply.status(), bytes.length);
      exchange.getResponseBody().write(bytes);
    } catch (IOException clientGone) {
      // The client timed out first.
    } finally {
      exchange.close();
    }
  }

  @AfterEach
  void stop() {
    if (generator != null) {
      generator.close();
    }
    if (server != null) {
      server.stop(0);
    }
    cpuPool.close();
  }

  @Test
  void warmUpCallsNoModel() throws IOException {
    call(Duration.ofSeconds(5), 0, Reply.ok(body("```python\nprint(1)\n```")));

    generator.warmUp();
    generator.warmUp();

    assertThat(calls).hasValue(1);
  }

  @Test
  void returnsOutputTextAndUsageFromTheResponsesApi() throws IOException {
    ModelResult result = call(Duration.ofSeconds(5), 0, Reply.ok(body("```python\nprint(1)\n```")));

    assertThat(result)
        .isEqualTo(
            new ModelResult.Answer(
                "openai", "gpt-4.1", "```python\nprint(1)\n```", false, new TokenUsage(36, 6, 42)));
    assertThat(requests.get(0))
        .contains("\"model\":\"gpt-4.1\"")
        .contains("\"input\":\"write a factorial\"")
        .contains("\"max_output_tokens\":256")
        .contains("\"language\":\"python\"")
        .contains("\"instructions\":");
    assertThat(authorizations.get(0)).isEqualTo("Bearer " + KEY);
  }

  @Test
  void theInstructionsItReportsAreTheOnesItSends() throws IOException {
    call(Duration.ofSeconds(5), 0, Reply.ok(body("```python\nprint(1)\n```")));

    String instructions = generator.instructions(Language.PYTHON);
    assertThat(instructions).contains("python");
    assertThat(requests.get(0)).contains("\"instructions\":\"" + instructions + "\"");
    assertThat(generator.modelFor(null)).isEqualTo("gpt-4.1");
    assertThat(generator.modelFor("gpt-4o")).isEqualTo("gpt-4o");
  }

  @Test
  void cancellingACallAbortsItsExchangeOnTheWire() throws Exception {
    try (FakeResponsesApi api = new FakeResponsesApi(0)) {
      generator =
          new OpenAiCodeGenerator(
              new OpenAiProperties(KEY, api.baseUrl(), "gpt-4.1", Duration.ofSeconds(30), 2), cpu);
      CompletableFuture<ModelResult> call =
          generator.generate(
              new ModelRequest("j1", "a loop " + FakeResponsesApi.HOLD, Language.GO, 256, null, 5));
      await().atMost(Duration.ofSeconds(10)).until(() -> api.calls() == 1);

      call.cancel(true);

      // The server sees the connection go away, long before the 30 s timeout; no retry follows.
      await().atMost(Duration.ofSeconds(5)).until(() -> api.aborted().size() == 1);
      assertThat(api.calls()).isEqualTo(1);
      assertThat(api.aborted().get(0)).doesNotContain(JdkHttpTransport.CALL_HEADER);
    }
  }

  @Test
  void retriesAfterA429AndSucceeds() throws IOException {
    ModelResult result =
        call(
            Duration.ofSeconds(5),
            2,
            new Reply(429, "{\"error\":{\"message\":\"slow down\"}}", "0", 0),
            Reply.ok(body("ok")));

    assertThat(result).isInstanceOf(ModelResult.Answer.class);
    assertThat(calls.get()).isEqualTo(2);
  }

  @Test
  void mapsExhausted429RetriesToRateLimited() throws IOException {
    ModelResult result = call(Duration.ofSeconds(5), 1, new Reply(429, "{\"error\":{}}", "0", 0));

    assertThat(result).isInstanceOf(ModelResult.Failed.class);
    assertThat(((ModelResult.Failed) result).reason())
        .isEqualTo(FailureReason.PROVIDER_RATE_LIMITED);
    assertThat(calls.get()).isEqualTo(2);
  }

  @Test
  void mapsServerErrorsToProviderErrorWithTheStatus() throws IOException {
    ModelResult result = call(Duration.ofSeconds(5), 0, new Reply(500, "{\"error\":{}}", null, 0));

    assertThat(result)
        .isEqualTo(
            new ModelResult.Failed(
                "openai",
                "gpt-4.1",
                FailureReason.PROVIDER_ERROR,
                "the provider answered HTTP 500"));
  }

  @Test
  void mapsRefusedCredentialsToUnauthorizedWithoutEchoingTheBody() throws IOException {
    ModelResult result =
        call(
            Duration.ofSeconds(5),
            0,
            new Reply(401, "{\"error\":{\"message\":\"bad key " + KEY + "\"}}", null, 0));

    ModelResult.Failed failed = (ModelResult.Failed) result;
    assertThat(failed.reason()).isEqualTo(FailureReason.PROVIDER_UNAUTHORIZED);
    assertThat(failed.message()).contains("401").doesNotContain(KEY);
  }

  @Test
  void mapsASlowServerToTimeout() throws IOException {
    ModelResult result = call(Duration.ofMillis(300), 0, new Reply(200, body("late"), null, 2000));

    assertThat(((ModelResult.Failed) result).reason()).isEqualTo(FailureReason.PROVIDER_TIMEOUT);
  }

  @Test
  void mapsAnUnreadableBodyToMalformedResponse() throws IOException {
    ModelResult result = call(Duration.ofSeconds(5), 0, Reply.ok("this is not json"));

    assertThat(((ModelResult.Failed) result).reason())
        .isEqualTo(FailureReason.PROVIDER_MALFORMED_RESPONSE);
  }

  @Test
  void mapsAResponseWithoutTextToMalformedResponse() throws IOException {
    ModelResult result =
        call(Duration.ofSeconds(5), 0, Reply.ok(body("x").replace("\"x\"", "\"  \"")));

    assertThat(((ModelResult.Failed) result).reason())
        .isEqualTo(FailureReason.PROVIDER_MALFORMED_RESPONSE);
  }

  @Test
  void mapsAnUnreachableServerToProviderError() {
    generator =
        new OpenAiCodeGenerator(
            new OpenAiProperties(KEY, "http://127.0.0.1:1/v1", null, Duration.ofSeconds(2), 0),
            cpu);

    ModelResult result =
        generator.generate(new ModelRequest("j1", "x", Language.GO, 10, "gpt-4.1-mini", 1)).join();

    assertThat(result.model()).isEqualTo("gpt-4.1-mini");
    assertThat(((ModelResult.Failed) result).reason()).isEqualTo(FailureReason.PROVIDER_ERROR);
  }

  @Test
  void neverPrintsTheKey() {
    OpenAiProperties properties = new OpenAiProperties(KEY, null, null, null, null);

    assertThat(properties.toString()).doesNotContain(KEY).contains("***");
    assertThat(properties.baseUrl()).isEqualTo("https://api.openai.com/v1");
    assertThat(properties.maxRetries()).isEqualTo(2);
    assertThat(new OpenAiProperties(null, null, null, null, null).hasKey()).isFalse();
  }
}
