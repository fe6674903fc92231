package dev.codegen.launcher;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local OpenAI Responses API that answers each call with the text scripted for a marker its
 * request contains, in the wire format of {@code POST /v1/responses}: the stand-in for a model
 * whose answers a test chooses.
 */
final class ScriptedModel implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Map<String, String> answers = new ConcurrentHashMap<>();
  private final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();
  private final Set<String> called = ConcurrentHashMap.newKeySet();
  private final Map<String, String> repairs = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  ScriptedModel() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/responses", this::handle);
    // A held call must not keep the others waiting.
    server.setExecutor(threads);
    server.start();
  }

  /** The base URL for {@code codegen.openai.base-url}. */
  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** Calls whose request holds {@code marker} are answered with {@code text}. */
  void answer(String marker, String text) {
    answers.put(marker, text);
  }

  /**
   * Settings of a one-JVM stack on free ports whose generation worker calls this model through the
   * OpenAI provider (no retries, so a test sees each call once).
   */
  StandaloneSettings stackSettings(
      Path dataDirectory, Optional<StandaloneSettings.Database> database) {
    return new StandaloneSettings(
        0,
        0,
        0,
        dataDirectory,
        Optional.empty(),
        database,
        Map.of(
            "codegen.provider", "openai",
            "codegen.openai.api-key", "sk-test-not-a-real-key",
            "codegen.openai.base-url", baseUrl(),
            "codegen.openai.max-retries", "0"));
  }

  /** Calls for {@code marker} wait for {@link #release} (at most a minute) before answering. */
  void hold(String marker) {
    held.put(marker, new CountDownLatch(1));
  }

  /** Lets the held calls for {@code marker} answer. */
  void release(String marker) {
    held.getOrDefault(marker, new CountDownLatch(0)).countDown();
  }

  /** Whether a call for {@code marker} arrived (held or answered). */
  boolean called(String marker) {
    return called.contains(marker);
  }

  /**
   * Repair calls (their input holds the code and what the checks said, {@link #REPAIR_MARK}) whose
   * request holds {@code marker} are answered with {@code text}.
   */
  void answerRepair(String marker, String text) {
    repairs.put(marker, text);
  }

  /** How many calls held {@code marker}. */
  int calls(String marker) {
    return calls.getOrDefault(marker, new AtomicInteger()).get();
  }

  /** What the generation worker's repair input says, and a first answer's never does. */
  static final String REPAIR_MARK = "failed its checks";

  private void handle(HttpExchange exchange) throws IOException {
    String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Map<String, String> script = request.contains(REPAIR_MARK) ? repairs : answers;
    Map.Entry<String, String> match =
        script.entrySet().stream()
            .filter(entry -> request.contains(entry.getKey()))
            .findFirst()
            .orElse(null);
    if (match != null) {
      calls.computeIfAbsent(match.getKey(), k -> new AtomicInteger()).incrementAndGet();
      called.add(match.getKey());
      await(held.get(match.getKey()));
    }
    String text = match == null ? "no answer was scripted for this prompt" : match.getValue();
    byte[] body = response(text).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  private static String response(String text) {
    ObjectNode response = JSON.createObjectNode();
    response.put("id", "resp_scripted").put("object", "response").put("created_at", 0);
    response.put("model", "gpt-4.1").put("status", "completed");
    response.put("parallel_tool_calls", false).put("tool_choice", "auto");
    response.putArray("tools");
    ObjectNode message = response.putArray("output").addObject();
    message.put("type", "message").put("id", "msg_1").put("role", "assistant");
    message.put("status", "completed");
    ObjectNode content = message.putArray("content").addObject();
    content.put("type", "output_text").put("text", text);
    content.putArray("annotations");
    ObjectNode usage = response.putObject("usage");
    usage.put("input_tokens", 20).putObject("input_tokens_details").put("cached_tokens", 0);
    usage.put("output_tokens", 40).putObject("output_tokens_details").put("reasoning_tokens", 0);
    usage.put("total_tokens", 60);
    return JSON.writeValueAsString(response);
  }

  private static void await(CountDownLatch latch) {
    if (latch == null) {
      return;
    }
    try {
      latch.await(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    held.values().forEach(CountDownLatch::countDown);
    server.stop(0);
    threads.shutdownNow();
  }
}
