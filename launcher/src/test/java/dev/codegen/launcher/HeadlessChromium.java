package dev.codegen.launcher;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The system Chromium in headless mode, driven over the DevTools protocol with the JDK's own
 * WebSocket client: no browser download and no driver, so it runs offline. One page per instance.
 */
final class HeadlessChromium implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
  private static final List<String> CANDIDATES =
      List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");

  private final Process process;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

  private HeadlessChromium(Process process, URI page) {
    this.process = process;
    this.socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(page, new Replies())
            .orTimeout(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
            .join();
  }

  /** {@code CODEGEN_CHROMIUM}, else the first Chromium or Chrome installed where Debian puts it. */
  static Optional<Path> find() {
    String configured = System.getenv("CODEGEN_CHROMIUM");
    List<String> candidates = new ArrayList<>();
    if (configured != null && !configured.isBlank()) {
      candidates.add(configured);
    }
    candidates.addAll(CANDIDATES);
    return candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst();
  }

  /** Starts {@code binary} with a fresh profile in {@code profile}, a window of the given size. */
  static HeadlessChromium start(Path binary, Path profile, int width, int height) {
    try {
      Files.createDirectories(profile);
      Process process =
          new ProcessBuilder(
                  binary.toString(),
                  "--headless",
                  // Root in a container: Chromium's own sandbox needs namespaces it cannot get.
                  "--no-sandbox",
                  "--disable-gpu",
                  "--disable-quic",
                  "--no-first-run",
                  "--disable-background-networking",
                  "--disable-component-update",
                  "--disable-sync",
                  "--hide-scrollbars",
                  "--user-data-dir=" + profile,
                  "--window-size=" + width + "," + height,
                  "--remote-debugging-address=127.0.0.1",
                  "--remote-debugging-port=0",
                  "about:blank")
              .redirectErrorStream(true)
              .redirectOutput(profile.resolve("chromium.log").toFile())
              .start();
      Path portFile = profile.resolve("DevToolsActivePort");
      await("Chromium's DevTools port")
          .atMost(Duration.ofSeconds(30))
          .until(() -> !process.isAlive() || Files.exists(portFile) && Files.size(portFile) > 0);
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Chromium exited: " + Files.readString(profile.resolve("chromium.log")));
      }
      String port = Files.readAllLines(portFile).get(0).strip();
      return new HeadlessChromium(process, pageSocket(port));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static URI pageSocket(String port) {
    HttpClient http = HttpClient.newHttpClient();
    JsonNode[] page = new JsonNode[1];
    await("a page target")
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              String list =
                  http.send(
                          HttpRequest.newBuilder(
                                  URI.create("http://127.0.0.1:" + port + "/json/list"))
                              .build(),
                          HttpResponse.BodyHandlers.ofString())
                      .body();
              for (JsonNode target : JSON.readTree(list)) {
                if (target.path("type").asString().equals("page")) {
                  page[0] = target;
                }
              }
              return page[0] != null;
            });
    return URI.create(page[0].path("webSocketDebuggerUrl").asString());
  }

  /** Loads {@code url} and returns once the load started; wait for content with {@link #text}. */
  void open(String url) {
    call("Page.enable", Map.of());
    call("Page.navigate", Map.of("url", url));
  }

  /** The value of a JavaScript expression (promises awaited), as JSON. */
  JsonNode evaluate(String expression) {
    JsonNode reply =
        call(
            "Runtime.evaluate",
            Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
    if (reply.has("exceptionDetails")) {
      throw new IllegalStateException(
          "page script failed: " + reply.path("exceptionDetails").toString());
    }
    return reply.path("result").path("value");
  }

  /** The text of the first element matching {@code selector}, or "" when there is none. */
  String text(String selector) {
    return evaluate(
            "(document.querySelector("
                + JSON.writeValueAsString(selector)
                + ") || {}).textContent"
                + " || ''")
        .asString();
  }

  /** How many elements match {@code selector}. */
  int count(String selector) {
    return evaluate("document.querySelectorAll(" + JSON.writeValueAsString(selector) + ").length")
        .asInt();
  }

  /** A PNG of the whole page (not only the window), {@code width} CSS pixels wide. */
  byte[] screenshot(int width) {
    JsonNode metrics = call("Page.getLayoutMetrics", Map.of());
    int height = (int) Math.ceil(metrics.path("cssContentSize").path("height").asDouble(900));
    call(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    try {
      String data = call("Page.captureScreenshot", Map.of("format", "png")).path("data").asString();
      return Base64.getDecoder().decode(data);
    } finally {
      call("Emulation.clearDeviceMetricsOverride", Map.of());
    }
  }

  private JsonNode call(String method, Map<String, Object> params) {
    int id = ids.incrementAndGet();
    ObjectNode message = JSON.createObjectNode();
    message.put("id", id).put("method", method);
    message.set("params", JSON.valueToTree(params));
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    socket.sendText(JSON.writeValueAsString(message), true).join();
    try {
      JsonNode answer = reply.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (answer.has("error")) {
        throw new IllegalStateException(method + " failed: " + answer.path("error"));
      }
      return answer.path("result");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(method + " got no answer", e);
    } finally {
      pending.remove(id);
    }
  }

  @Override
  public void close() {
    socket.abort();
    List<ProcessHandle> helpers = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    // Renderer and zygote processes leave with the browser; any that did not are ours to end.
    helpers.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  /** Matches replies to calls by id; events (messages without an id) are not needed here. */
  private final class Replies implements WebSocket.Listener {

    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        JsonNode message = JSON.readTree(partial.toString());
        partial.setLength(0);
        if (message.has("id")) {
          CompletableFuture<JsonNode> reply = pending.get(message.path("id").asInt());
          if (reply != null) {
            reply.complete(message);
          }
        }
      }
      webSocket.request(1);
      return null;
    }
  }
}
