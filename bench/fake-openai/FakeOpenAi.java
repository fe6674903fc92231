import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A fake model server speaking the OpenAI Responses API ({@code POST /v1/responses}) for benchmarks.
 *
 * <p>{@code GET /stats} reports requests, in flight and the maximum in flight; {@code GET
 * /stats/reset} zeroes them.
 *
 * <p>With {@code --count-markers} it also counts, per marker word (an upper-case word, a dash and
 * digits, e.g. {@code CANCELME-17}, written into prompts by a test), the requests whose body
 * carries it: {@code GET /stats?marker=CANCELME} reports the requests carrying any {@code
 * CANCELME-<n>} (or exactly that word), how many distinct words and how many of them came more than
 * once. The fake cannot tell jobs apart otherwise. Off by default: the scan costs CPU per call.
 *
 * <p>With {@code --samples DIR} the answer depends on the request's language: the generation worker
 * sends it as {@code "metadata":{"language":"<wire name>"}}, and the fake answers with the file
 * {@code DIR/<wire name>.<ext>} fenced in markdown ({@code ```<wire name>}). A request without a
 * language, or with one that has no file, gets the default answer. Without the option every request
 * gets the default answer (a Java class of {@code --output-chars}).
 *
 * <p>Responses are delayed on a scheduler, not on a sleeping thread, so thousands of requests can be
 * held at once without the server becoming the bottleneck.
 *
 * <pre>
 * java bench/fake-openai/FakeOpenAi.java [--port 18080] [--latency fixed:0|lognormal:MEDIAN_MS:SIGMA]
 *     [--error-rate 0.0] [--output-chars 600] [--count-markers]
 *     [--samples bench/fake-openai/samples]
 * </pre>
 */
public final class FakeOpenAi {

  private static final AtomicLong REQUESTS = new AtomicLong();
  private static final AtomicLong IN_FLIGHT = new AtomicLong();
  private static final AtomicLong MAX_IN_FLIGHT = new AtomicLong();
  private static final AtomicLong TOTAL_DELAY_MILLIS = new AtomicLong();
  private static final Pattern MARKER = Pattern.compile("\\b([A-Z][A-Z0-9_]*)-([0-9]+)\\b");
  private static final Map<String, AtomicLong> MARKERS = new ConcurrentHashMap<>();
  private static final Pattern METADATA_LANGUAGE =
      Pattern.compile("\"metadata\"\\s*:\\s*\\{[^}]*\"language\"\\s*:\\s*\"([a-z]+)\"");

  public static void main(String[] args) throws IOException {
    int port = 18080;
    String latency = "fixed:0";
    double errorRate = 0.0;
    int outputChars = 600;
    boolean countMarkers = false;
    String samples = null;
    for (int i = 0; i < args.length; i += 2) {
      if (args[i].equals("--count-markers")) {
        countMarkers = true;
        i--;
        continue;
      }
      if (i + 1 >= args.length) {
        break;
      }
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--latency" -> latency = args[i + 1];
        case "--error-rate" -> errorRate = Double.parseDouble(args[i + 1]);
        case "--output-chars" -> outputChars = Integer.parseInt(args[i + 1]);
        case "--samples" -> samples = args[i + 1];
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    // The JDK server keeps at most 200 idle keep-alive connections (sun.net.httpserver
    // .maxIdleConnections) and closes the rest as their exchanges end. A worker holding 1,000 calls
    // then finds most of its pooled connections closed under it and reconnects (or retries) for
    // each next call: the fake, not the worker, would set the pace. Read once, before the server.
    System.setProperty("sun.net.httpserver.maxIdleConnections", "100000");
    LatencyModel model = LatencyModel.parse(latency);
    byte[] body = responseBody(outputChars).getBytes(StandardCharsets.UTF_8);
    Map<String, byte[]> byLanguage = samples == null ? Map.of() : sampleBodies(Path.of(samples));
    byte[] error =
        "{\"error\":{\"message\":\"injected failure\",\"type\":\"server_error\"}}"
            .getBytes(StandardCharsets.UTF_8);
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 4096);
    double failures = errorRate;
    boolean markers = countMarkers;
    server.createContext(
        "/v1/responses",
        exchange -> {
          byte[] request = exchange.getRequestBody().readAllBytes();
          if (markers) {
            countMarkers(new String(request, StandardCharsets.UTF_8));
          }
          byte[] answer = byLanguage.isEmpty() ? body : answerFor(request, byLanguage, body);
          long now = IN_FLIGHT.incrementAndGet();
          MAX_IN_FLIGHT.accumulateAndGet(now, Math::max);
          REQUESTS.incrementAndGet();
          boolean fail = ThreadLocalRandom.current().nextDouble() < failures;
          long delay = model.nextDelayMillis();
          TOTAL_DELAY_MILLIS.addAndGet(delay);
          scheduler.schedule(
              () -> reply(exchange, fail ? 500 : 200, fail ? error : answer),
              delay,
              TimeUnit.MILLISECONDS);
        });
    server.createContext(
        "/stats",
        exchange -> {
          drain(exchange);
          String query = exchange.getRequestURI().getQuery();
          if (query != null && query.startsWith("marker=")) {
            byte[] answer = markerStats(query.substring("marker=".length()));
            IN_FLIGHT.incrementAndGet();
            reply(exchange, 200, answer);
            return;
          }
          String stats =
              "{\"requests\":%d,\"in_flight\":%d,\"max_in_flight\":%d,\"mean_latency_ms\":%.1f}"
                  .formatted(
                      REQUESTS.get(),
                      IN_FLIGHT.get(),
                      MAX_IN_FLIGHT.get(),
                      TOTAL_DELAY_MILLIS.get() / (double) Math.max(1, REQUESTS.get()));
          IN_FLIGHT.incrementAndGet();
          reply(exchange, 200, stats.getBytes(StandardCharsets.UTF_8));
        });
    // Between scenarios: zero the counters (in_flight is left alone, it is the live count).
    server.createContext(
        "/stats/reset",
        exchange -> {
          drain(exchange);
          REQUESTS.set(0);
          TOTAL_DELAY_MILLIS.set(0);
          MAX_IN_FLIGHT.set(IN_FLIGHT.get());
          MARKERS.clear();
          IN_FLIGHT.incrementAndGet();
          reply(exchange, 200, "{}".getBytes(StandardCharsets.UTF_8));
        });
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
    System.out.printf("fake OpenAI Responses API on http://127.0.0.1:%d/v1 (latency %s)%n", port, latency);
  }

  /** One response body per sample file, keyed by the file name without its extension. */
  private static Map<String, byte[]> sampleBodies(Path dir) throws IOException {
    Map<String, byte[]> bodies = new HashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String name = file.getFileName().toString();
        String language = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        String code = Files.readString(file);
        String text = "```" + language + "\n" + code + (code.endsWith("\n") ? "" : "\n") + "```";
        bodies.put(language, envelope(jsonEscape(text), code.length()).getBytes(StandardCharsets.UTF_8));
      }
    }
    System.out.printf("samples for %s%n", new TreeSet<>(bodies.keySet()));
    return bodies;
  }

  /** The sample of the request's language (its metadata), else the default body. */
  private static byte[] answerFor(byte[] request, Map<String, byte[]> byLanguage, byte[] fallback) {
    Matcher m = METADATA_LANGUAGE.matcher(new String(request, StandardCharsets.UTF_8));
    return m.find() ? byLanguage.getOrDefault(m.group(1), fallback) : fallback;
  }

  private static String jsonEscape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 64);
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /** Counts each distinct marker word of one request body once. */
  private static void countMarkers(String body) {
    Set<String> words = new TreeSet<>();
    Matcher m = MARKER.matcher(body);
    while (m.find()) {
      words.add(m.group());
    }
    for (String word : words) {
      MARKERS.computeIfAbsent(word, w -> new AtomicLong()).incrementAndGet();
    }
  }

  /** Requests carrying marker {@code prefix} (exactly, or as {@code prefix-<n>}). */
  private static byte[] markerStats(String prefix) {
    long requests = 0;
    long distinct = 0;
    long repeated = 0;
    for (Map.Entry<String, AtomicLong> e : MARKERS.entrySet()) {
      String word = e.getKey();
      if (word.equals(prefix) || word.startsWith(prefix + "-")) {
        long n = e.getValue().get();
        requests += n;
        distinct++;
        if (n > 1) {
          repeated++;
        }
      }
    }
    return "{\"marker\":\"%s\",\"requests\":%d,\"distinct\":%d,\"repeated\":%d}"
        .formatted(prefix.replaceAll("[^A-Za-z0-9_-]", ""), requests, distinct, repeated)
        .getBytes(StandardCharsets.UTF_8);
  }

  private static void drain(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
  }

  private static void reply(HttpExchange exchange, int status, byte[] body) {
    try (exchange) {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    } catch (IOException e) {
      // The client went away; nothing to do.
    } finally {
      IN_FLIGHT.decrementAndGet();
    }
  }

  private static String responseBody(int outputChars) {
    StringBuilder code = new StringBuilder("```java\\npublic class Generated {\\n");
    int i = 0;
    while (code.length() < outputChars) {
      code.append("  static int f").append(i).append("(int x) { return x + ").append(i).append("; }\\n");
      i++;
    }
    code.append("}\\n```");
    return envelope(code.toString(), outputChars);
  }

  /** A completed Responses API answer whose output text is {@code text} (already JSON-escaped). */
  private static String envelope(String text, int outputChars) {
    return """
        {"id":"resp_bench","object":"response","created_at":0,"model":"gpt-4.1","status":"completed",\
        "parallel_tool_calls":false,"tool_choice":"auto","tools":[],"output":[{"type":"message",\
        "id":"msg_1","role":"assistant","status":"completed","content":[{"type":"output_text",\
        "text":"%s","annotations":[]}]}],"usage":{"input_tokens":36,"input_tokens_details":\
        {"cached_tokens":0},"output_tokens":%d,"output_tokens_details":{"reasoning_tokens":0},\
        "total_tokens":%d}}"""
        .formatted(text, outputChars / 4, 36 + outputChars / 4);
  }

  private record LatencyModel(String kind, double medianMillis, double sigma) {
    static LatencyModel parse(String spec) {
      String[] parts = spec.split(":");
      return switch (parts[0]) {
        case "fixed" -> new LatencyModel("fixed", Double.parseDouble(parts[1]), 0);
        case "lognormal" ->
            new LatencyModel(
                "lognormal", Double.parseDouble(parts[1]), Double.parseDouble(parts[2]));
        default -> throw new IllegalArgumentException("latency is fixed:MS or lognormal:MEDIAN:SIGMA");
      };
    }

    long nextDelayMillis() {
      if (kind.equals("fixed")) {
        return (long) medianMillis;
      }
      Random random = ThreadLocalRandom.current();
      return (long) (medianMillis * Math.exp(sigma * random.nextGaussian()));
    }
  }
}
