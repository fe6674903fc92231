package dev.codegen.worker.openai;

import com.openai.core.RequestOptions;
import com.openai.core.Timeout;
import com.openai.core.http.Headers;
import com.openai.core.http.HttpClient;
import com.openai.core.http.HttpRequest;
import com.openai.core.http.HttpRequestBody;
import com.openai.core.http.HttpResponse;
import com.openai.errors.OpenAIIoException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient.Version;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SDK's HTTP transport on the JDK's {@link java.net.http.HttpClient}: a call in flight is a
 * pending future on the client's selector, not a blocked thread, so a thousand slow model calls
 * cost a thousand small buffers rather than a thousand stacks.
 *
 * <p>It throws what the SDK's OkHttp transport throws ({@link OpenAIIoException} around an {@link
 * IOException}, a timeout as an {@link InterruptedIOException}), so the SDK's retries (it stays the
 * only retry owner) and {@link OpenAiFailures} read it the same way. Answers are completed on
 * {@code completions}, where the SDK then parses them: never on the selector thread. The client's
 * own steps (connecting, writing a request, reading an answer) run on two threads of the
 * transport's, not on {@code completions}: when a thousand answers arrive together, that pool has
 * their parsing and gates queued for the better part of a second, and a new call's request must not
 * wait behind them. Headers are never logged (one carries the key).
 *
 * <p>A request may name its call in the {@link #CALL_HEADER} header (not sent on): {@link
 * #abort(String)} then cancels that call's exchange on the wire (the JDK client closes the
 * connection when its future is cancelled) and refuses further attempts of it, which the SDK's
 * futures cannot do (they do not pass cancellation on to the exchange).
 */
final class JdkHttpTransport implements HttpClient {

  // Set by the JDK client itself; it refuses them as request headers.
  private static final Set<String> RESTRICTED =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  private static final int IO_THREADS = 2;

  /** Names a call so that it can be aborted; stays on this side of the wire. */
  static final String CALL_HEADER = "X-Codegen-Call";

  private final Map<String, CompletableFuture<?>> exchanges = new ConcurrentHashMap<>();
  private final Set<String> aborted = ConcurrentHashMap.newKeySet();

  private final java.net.http.HttpClient client;
  private final Executor completions;
  private final ExecutorService io;

  /**
   * @param connectTimeout the limit for opening a connection
   * @param completions where answers are handed to the SDK (a pool for CPU work)
   */
  JdkHttpTransport(Duration connectTimeout, Executor completions) {
    this.completions = completions;
    AtomicInteger ids = new AtomicInteger();
    this.io =
        Executors.newFixedThreadPool(
            IO_THREADS,
            task -> {
              Thread thread = new Thread(task, "codegen-http-" + ids.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.client =
        java.net.http.HttpClient.newBuilder()
            // HTTP/1.1, one connection per call in flight: no h2c upgrade dance with local
            // OpenAI-compatible servers, and no queueing behind a server's HTTP/2 stream limit.
            .version(Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .executor(io)
            .build();
  }

  @Override
  public HttpResponse execute(HttpRequest request, RequestOptions requestOptions) {
    try {
      return response(client.send(toJdk(request, requestOptions), BodyHandlers.ofByteArray()));
    } catch (IOException e) {
      throw failure(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(new InterruptedIOException("interrupted"));
    } finally {
      closeBody(request);
    }
  }

  @Override
  public CompletableFuture<HttpResponse> executeAsync(
      HttpRequest request, RequestOptions requestOptions) {
    java.net.http.HttpRequest jdkRequest;
    String call = request.headers().values(CALL_HEADER).stream().findFirst().orElse(null);
    try {
      if (call != null && aborted.contains(call)) {
        throw new java.util.concurrent.CancellationException("call " + call + " was aborted");
      }
      jdkRequest = toJdk(request, requestOptions);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    } finally {
      closeBody(request);
    }
    CompletableFuture<java.net.http.HttpResponse<byte[]>> exchange =
        client.sendAsync(jdkRequest, BodyHandlers.ofByteArray());
    if (call != null) {
      exchanges.put(call, exchange);
      exchange.whenComplete((response, error) -> exchanges.remove(call, exchange));
      if (aborted.contains(call)) {
        exchange.cancel(true);
      }
    }
    return exchange.handleAsync(
        (response, error) -> {
          if (error != null) {
            throw rethrown(unwrap(error));
          }
          return response(response);
        },
        completions);
  }

  /**
   * Aborts call {@code call}: its exchange in flight is cancelled (the connection closed) and
   * further attempts of it fail at once, until {@link #release(String)}.
   */
  void abort(String call) {
    aborted.add(call);
    CompletableFuture<?> exchange = exchanges.get(call);
    if (exchange != null) {
      exchange.cancel(true);
    }
  }

  /** Forgets call {@code call} once it can make no more attempts. */
  void release(String call) {
    aborted.remove(call);
    exchanges.remove(call);
  }

  /**
   * Stops the client's threads; connections idle out on their own, {@code completions} is not ours.
   */
  @Override
  public void close() {
    io.shutdown();
  }

  private static java.net.http.HttpRequest toJdk(
      HttpRequest request, RequestOptions requestOptions) {
    java.net.http.HttpRequest.Builder builder =
        java.net.http.HttpRequest.newBuilder(URI.create(request.url()));
    Headers headers = request.headers();
    for (String name : headers.names()) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (!RESTRICTED.contains(lower) && !lower.equals(CALL_HEADER.toLowerCase(Locale.ROOT))) {
        for (String value : headers.values(name)) {
          builder.header(name, value);
        }
      }
    }
    HttpRequestBody body = request.body();
    if (body != null && body.contentType() != null && headers.values("Content-Type").isEmpty()) {
      builder.header("Content-Type", body.contentType());
    }
    Timeout timeout = requestOptions.getTimeout();
    if (timeout != null && isPositive(timeout.request())) {
      builder.timeout(timeout.request());
      if (headers.values("X-Stainless-Timeout").isEmpty()) {
        // As the SDK's own transport tells the server how long it waits.
        builder.header("X-Stainless-Timeout", String.valueOf(timeout.request().toSeconds()));
      }
    }
    return builder.method(request.method().name(), publisher(body)).build();
  }

  private static BodyPublisher publisher(HttpRequestBody body) {
    if (body == null) {
      return BodyPublishers.noBody();
    }
    ByteArrayOutputStream bytes =
        new ByteArrayOutputStream((int) Math.max(256, Math.min(body.contentLength(), 1 << 20)));
    body.writeTo(bytes);
    return BodyPublishers.ofByteArray(bytes.toByteArray());
  }

  private static HttpResponse response(java.net.http.HttpResponse<byte[]> response) {
    Headers.Builder headers = Headers.builder();
    for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
      if (!header.getKey().startsWith(":")) {
        headers.put(header.getKey(), header.getValue());
      }
    }
    return new BytesResponse(response.statusCode(), headers.build(), response.body());
  }

  /** What the SDK's OkHttp transport throws for the same failure. */
  static OpenAIIoException failure(Throwable error) {
    Throwable cause = error;
    if (error instanceof HttpTimeoutException) {
      // OkHttp reports its call and read timeouts as InterruptedIOException("timeout").
      InterruptedIOException timeout = new InterruptedIOException("timeout");
      timeout.initCause(error);
      cause = timeout;
    }
    return new OpenAIIoException("Request failed", cause);
  }

  private static RuntimeException rethrown(Throwable error) {
    if (error instanceof IOException) {
      return failure(error);
    }
    return error instanceof RuntimeException runtime ? runtime : new CompletionException(error);
  }

  /** The failure inside any {@link CompletionException} wrappers. */
  static Throwable unwrap(Throwable error) {
    Throwable t = error;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static boolean isPositive(Duration duration) {
    return duration != null && !duration.isZero() && !duration.isNegative();
  }

  private static void closeBody(HttpRequest request) {
    if (request.body() != null) {
      request.body().close();
    }
  }

  private record BytesResponse(int statusCode, Headers headers, byte[] bytes)
      implements HttpResponse {

    @Override
    public InputStream body() {
      return new ByteArrayInputStream(bytes);
    }

    @Override
    public void close() {}
  }
}
