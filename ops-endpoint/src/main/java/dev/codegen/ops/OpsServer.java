package dev.codegen.ops;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The JDK's HTTP server on the configured port: no servlet container in a worker. It starts first
 * and stops last of the context's lifecycle beans, so a probe sees readiness DOWN while the
 * consumers stop instead of a refused connection.
 */
public final class OpsServer implements SmartLifecycle {

  /** The environment property holding the port actually bound, like {@code local.server.port}. */
  public static final String PORT_PROPERTY = "local.codegen.ops.port";

  /** The JDK switch for TCP_NODELAY on the server's connections. */
  static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

  private static final Logger log = LoggerFactory.getLogger(OpsServer.class);
  private static final AtomicInteger SERVERS = new AtomicInteger();

  private final OpsProperties properties;
  private final OpsHandler handler;
  private final ConfigurableEnvironment environment;
  private HttpServer server;
  private ExecutorService executor;

  OpsServer(OpsProperties properties, OpsHandler handler, ConfigurableEnvironment environment) {
    this.properties = properties;
    this.handler = handler;
    this.environment = environment;
  }

  @Override
  public synchronized void start() {
    if (!properties.enabled() || server != null) {
      return;
    }
    // The JDK server sends the headers and a small body in two segments; with Nagle's algorithm on,
    // the body waits for the client's delayed ACK: 44 ms per probe instead of 0.8 ms (measured).
    // The JDK reads this once per JVM, before its first server; an explicit setting is kept.
    System.getProperties().putIfAbsent(NODELAY_PROPERTY, "true");
    InetSocketAddress address = new InetSocketAddress(properties.address(), properties.port());
    try {
      server = HttpServer.create(address, 0);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "ops endpoint cannot listen on " + properties.address() + ":" + properties.port(), e);
    }
    // Two threads: a slow scrape must not hold up a liveness probe, and more is waste here.
    int id = SERVERS.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    executor =
        Executors.newFixedThreadPool(
            2,
            task -> {
              Thread thread =
                  new Thread(task, "codegen-ops-" + id + "-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", handler);
    server.start();
    environment
        .getPropertySources()
        .addFirst(new MapPropertySource("codegenOpsServer", Map.of(PORT_PROPERTY, port())));
    log.info("ops endpoint: /metrics and /health on {}:{}", properties.address(), port());
  }

  @Override
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    // No grace period: on Java 17 stop(n) waits the full n seconds even when nothing is in flight.
    server.stop(0);
    executor.shutdownNow();
    server = null;
    executor = null;
  }

  @Override
  public synchronized boolean isRunning() {
    return server != null;
  }

  /** The port bound, or {@code -1} while no server runs. */
  public synchronized int port() {
    return server == null ? OpsProperties.OFF : server.getAddress().getPort();
  }

  @Override
  public int getPhase() {
    // Before everything else starts, after everything else stopped.
    return Integer.MIN_VALUE + 1000;
  }
}
