package dev.codegen.worker.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.openai.client.OpenAIClientAsync;
import com.openai.client.OpenAIClientAsyncImpl;
import com.openai.core.ClientOptions;
import com.openai.core.RequestOptions;
import com.openai.core.Timeout;
import com.openai.core.http.HttpMethod;
import com.openai.core.http.HttpRequest;
import com.openai.core.http.HttpResponse;
import com.openai.errors.InternalServerException;
import com.openai.errors.OpenAIIoException;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.codegen.worker.generation.CpuPool;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The SDK's transport on the JDK client, against a local server, and the SDK's retries over it. */
class JdkHttpTransportTests {

  static final String KEY = "sk-test-" + "transport-only-key";

  record Seen(
      String method, String path, Map<String, List<String>> headers, String body, long at) {}

  record Reply(int status, String body, Map<String, String> headers, long delayMillis) {
    static Reply of(int status, String body) {
      return new Reply(status, body, Map.of(), 0);
    }
  }

  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final AtomicInteger calls = new AtomicInteger();
  private final CpuPool cpu = new CpuPool(2);
  private final JdkHttpTransport transport =
      new JdkHttpTransport(Duration.ofSeconds(2), cpu.executor());
  private HttpServer server;

  private String serve(Reply... replies) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/",
        exchange -> {
          Reply reply = replies[Math.min(calls.getAndIncrement(), replies.length - 1)];
          seen.add(
              new Seen(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().toString(),
                  Map.copyOf(exchange.getRequestHeaders()),
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                  System.nanoTime()));
          respond(exchange, reply);
        });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static void respond(HttpExchange exchange, Reply reply) throws IOException {
    try {
      Thread.sleep(reply.delayMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    try {
      exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
      exchange.getResponseBody().write(bytes);
    } catch (IOException clientGone) {
      // The client timed out first.
    } finally {
      exchange.close();
    }
  }

  @AfterEach
  void stop() {
    transport.close();
    if (server != null) {
      server.stop(0);
    }
    cpu.close();
  }

  private static HttpRequest post(String baseUrl, String json) {
    return HttpRequest.builder()
        .method(HttpMethod.POST)
        .baseUrl(baseUrl)
        .addPathSegments("v1", "echo")
        .putQueryParam("q", "a b")
        .putHeader("Authorization", "Bearer " + KEY)
        .putHeader("X-Custom", "one")
        .putHeader("Connection", "close")
        .body(
            new com.openai.core.http.HttpRequestBody() {
              private final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

              @Override
              public void writeTo(java.io.OutputStream out) {
                try {
                  out.write(bytes);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              }

              @Override
              public String contentType() {
                return "application/json";
              }

              @Override
              public long contentLength() {
                return bytes.length;
              }

              @Override
              public boolean repeatable() {
                return true;
              }

              @Override
              public void close() {}
            })
        .build();
  }

  private static RequestOptions timeout(Duration request) {
    return RequestOptions.builder().timeout(Timeout.builder().request(request).build()).build();
  }

  @Test
  void sendsMethodUrlHeadersAndBodyAndReadsTheAnswer() throws Exception {
    String base = serve(new Reply(201, "{\"ok\":true}", Map.of("X-Request-Id", "req_7"), 0));

    HttpResponse response =
        transport.executeAsync(post(base, "{\"a\":1}"), timeout(Duration.ofSeconds(5))).join();

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(new String(response.body().readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo("{\"ok\":true}");
    assertThat(response.headers().values("x-request-id")).containsExactly("req_7");
    Seen request = seen.get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/v1/echo?q=a+b");
    assertThat(request.body()).isEqualTo("{\"a\":1}");
    assertThat(request.headers().get("Authorization")).containsExactly("Bearer " + KEY);
    assertThat(request.headers().get("X-custom")).containsExactly("one");
    assertThat(request.headers().get("Content-type")).containsExactly("application/json");
    assertThat(request.headers().get("X-stainless-timeout")).containsExactly("5");
  }

  @Test
  void answersOnTheCpuPoolNotTheHttpClientsThreads() throws Exception {
    String base = serve(Reply.of(200, "{}"));

    String thread =
        transport
            .executeAsync(post(base, "{}"), RequestOptions.none())
            .thenApply(response -> Thread.currentThread().getName())
            .join();

    assertThat(thread).startsWith("codegen-cpu-");
  }

  @Test
  void sendsWhileEveryCpuThreadIsBusy() throws Exception {
    String base = serve(Reply.of(200, "{}"));
    CountDownLatch release = new CountDownLatch(1);
    for (int i = 0; i < 2; i++) {
      cpu.executor().execute(() -> awaitQuietly(release));
    }

    CompletableFuture<HttpResponse> answer =
        transport.executeAsync(post(base, "{}"), RequestOptions.none());

    // The request goes out on the transport's own threads; only its answer waits for the pool.
    await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 1);
    assertThat(answer).isNotDone();
    release.countDown();
    assertThat(answer.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void sendsARequestWithoutBodyBlockingWhenAskedTo() throws Exception {
    String base = serve(Reply.of(200, "[]"));

    HttpResponse response =
        transport.execute(
            HttpRequest.builder()
                .method(HttpMethod.GET)
                .baseUrl(base)
                .addPathSegment("models")
                .build(),
            RequestOptions.none());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(seen.get(0).method()).isEqualTo("GET");
    assertThat(seen.get(0).body()).isEmpty();
  }

  @Test
  void reportsATimeoutAsOkHttpDoes() throws Exception {
    String base = serve(new Reply(200, "{}", Map.of(), 2000));

    CompletableFuture<HttpResponse> call =
        transport.executeAsync(post(base, "{}"), timeout(Duration.ofMillis(200)));

    assertThatThrownBy(call::join)
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(OpenAIIoException.class)
        .cause()
        .isInstanceOf(InterruptedIOException.class)
        .hasMessage("timeout");
    assertThatThrownBy(() -> transport.execute(post(base, "{}"), timeout(Duration.ofMillis(200))))
        .isInstanceOf(OpenAIIoException.class)
        .cause()
        .isInstanceOf(InterruptedIOException.class);
  }

  @Test
  void reportsARefusedConnectionAsAnIoFailure() {
    CompletableFuture<HttpResponse> call =
        transport.executeAsync(post("http://127.0.0.1:1", "{}"), RequestOptions.none());

    assertThatThrownBy(call::join)
        .cause()
        .isInstanceOf(OpenAIIoException.class)
        .cause()
        .isInstanceOf(ConnectException.class);
  }

  private OpenAIClientAsync sdk(String base, int maxRetries) {
    return new OpenAIClientAsyncImpl(
        ClientOptions.builder()
            .httpClient(transport)
            .apiKey(KEY)
            .baseUrl(base + "/v1")
            .maxRetries(maxRetries)
            .timeout(Duration.ofSeconds(5))
            .build());
  }

  private static CompletableFuture<Response> create(OpenAIClientAsync client) {
    return client.responses().create(ResponseCreateParams.builder().model("m").input("hi").build());
  }

  @Test
  void theSdkRetriesA429AfterItsRetryAfter() throws Exception {
    String base =
        serve(
            new Reply(429, "{\"error\":{}}", Map.of("Retry-After", "1"), 0),
            Reply.of(200, OpenAiCodeGeneratorTests.body("ok")));

    Response response = create(sdk(base, 2)).join();

    assertThat(response.id()).isEqualTo("resp_1");
    assertThat(calls).hasValue(2);
    assertThat(Duration.ofNanos(seen.get(1).at() - seen.get(0).at()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(900));
  }

  @Test
  void theSdkRetriesServerErrorsAndGivesUpWithTheStatus() throws Exception {
    String base = serve(Reply.of(503, "{\"error\":{}}"));

    CompletableFuture<Response> call = create(sdk(base, 1));

    assertThatThrownBy(call::join).cause().isInstanceOf(InternalServerException.class);
    assertThat(calls).hasValue(2);
  }

  @Test
  void theSdkRetriesATimeoutAndThenSucceeds() throws Exception {
    String base =
        serve(
            new Reply(200, OpenAiCodeGeneratorTests.body("late"), Map.of(), 3000),
            Reply.of(200, OpenAiCodeGeneratorTests.body("ok")));
    OpenAIClientAsync client =
        new OpenAIClientAsyncImpl(
            ClientOptions.builder()
                .httpClient(transport)
                .apiKey(KEY)
                .baseUrl(base + "/v1")
                .maxRetries(1)
                .timeout(Duration.ofMillis(500))
                .build());

    Response response = create(client).join();

    assertThat(response.output()).isNotEmpty();
    assertThat(calls).hasValue(2);
  }

  @Test
  void neverLogsTheKey() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level level = root.getLevel();
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    root.addAppender(appender);
    root.setLevel(Level.TRACE);
    try {
      String base = serve(Reply.of(401, "{\"error\":{\"message\":\"bad key\"}}"));
      CompletableFuture<Response> call = create(sdk(base, 0));
      assertThatThrownBy(call::join).hasMessageNotContaining(KEY);
      transport
          .executeAsync(post("http://127.0.0.1:1", "{}"), RequestOptions.none())
          .handle((r, e) -> e)
          .join();
    } finally {
      root.setLevel(level);
      root.detachAppender(appender);
    }

    assertThat(seen.get(0).headers().get("Authorization")).containsExactly("Bearer " + KEY);
    assertThat(appender.list)
        .allSatisfy(event -> assertThat(event.getFormattedMessage()).doesNotContain(KEY));
  }
}
