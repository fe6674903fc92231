package dev.codegen.worker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local OpenAI Responses API that counts the calls it gets, by a marker in their prompt. It
 * answers after {@code delayMillis}; a prompt containing {@link #HOLD} is held open until {@link
 * #release(String)}, the answer trickling out as JSON whitespace, so a client that goes away is
 * seen (the next write fails) and counted in {@link #aborted()}.
 */
public final class FakeResponsesApi implements AutoCloseable {

  public static final String HOLD = "hold-the-line";

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String> aborted = new CopyOnWriteArrayList<>();
  private final List<String> released = new CopyOnWriteArrayList<>();
  private volatile long delayMillis;

  public FakeResponsesApi(long delayMillis) throws IOException {
    this.delayMillis = delayMillis;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(threads);
    server.createContext("/v1/responses", this::handle);
    server.start();
  }

  /** The base URL for {@code codegen.openai.base-url}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** Calls whose request mentions {@code marker}. */
  public long calls(String marker) {
    return requests.stream().filter(body -> body.contains(marker)).count();
  }

  /** Every call so far. */
  public int calls() {
    return requests.size();
  }

  /** Requests of held calls whose client went away before the answer. */
  public List<String> aborted() {
    return aborted;
  }

  public void delayMillis(long millis) {
    this.delayMillis = millis;
  }

  /** Answers the held calls that mention {@code marker}, now and later. */
  public void release(String marker) {
    released.add(marker);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    requests.add(body);
    byte[] answer = answer().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    try {
      if (body.contains(HOLD)) {
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        while (released.stream().noneMatch(body::contains)) {
          out.write(' ');
          out.flush();
          Thread.sleep(50);
        }
        out.write(answer);
      } else {
        Thread.sleep(delayMillis);
        exchange.sendResponseHeaders(200, answer.length);
        exchange.getResponseBody().write(answer);
      }
    } catch (IOException clientGone) {
      aborted.add(body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      exchange.close();
    }
  }

  private static String answer() {
    return """
        {"id":"resp_1","object":"response","created_at":0,"model":"gpt-4.1","status":"completed",
         "parallel_tool_calls":false,"tool_choice":"auto","tools":[],
         "output":[{"type":"message","id":"msg_1","role":"assistant","status":"completed",
           "content":[{"type":"output_text","text":"```go\\npackage main\\n```","annotations":[]}]}],
         "usage":{"input_tokens":36,"input_tokens_details":{"cached_tokens":0},"output_tokens":6,
           "output_tokens_details":{"reasoning_tokens":0},"total_tokens":42}}
        """;
  }

  @Override
  public void close() {
    release("");
    server.stop(0);
    threads.shutdownNow();
  }
}
