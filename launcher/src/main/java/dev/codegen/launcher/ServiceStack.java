package dev.codegen.launcher;

import dev.codegen.gateway.GatewayApplication;
import dev.codegen.ops.OpsServer;
import dev.codegen.plugin.PluginWorkerApplication;
import dev.codegen.worker.GenerationWorkerApplication;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The three services as sibling Spring contexts in one JVM. Each keeps its own configuration file
 * ({@code spring.config.name}); the launcher only points them at the broker and the database.
 */
final class ServiceStack implements AutoCloseable {

  private static final List<String> DATABASE_AUTO_CONFIGURATIONS =
      List.of(
          "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
          "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration");

  // Downstream first, so that when the gateway answers HTTP the whole pipeline already listens.
  private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

  private ServiceStack() {}

  /**
   * Starts plugin-worker, generation-worker and gateway, in that order.
   *
   * @param common properties for every service (broker address, extras)
   * @param gateway properties for the gateway only (database, HTTP port)
   * @param workerOpsPort the generation worker's /metrics and /health port
   * @param pluginsOpsPort the plugin worker's /metrics and /health port
   */
  static ServiceStack start(
      Map<String, String> common,
      Map<String, String> gateway,
      int workerOpsPort,
      int pluginsOpsPort) {
    ServiceStack stack = new ServiceStack();
    Map<String, String> headless = new LinkedHashMap<>(common);
    // Only the gateway serves HTTP; the workers would otherwise fight over its port.
    headless.put("spring.main.web-application-type", "none");
    // The gateway puts JDBC and Flyway on the shared classpath; the workers own no database and
    // must neither connect to one nor run the gateway's migrations.
    headless.put("spring.autoconfigure.exclude", String.join(",", DATABASE_AUTO_CONFIGURATIONS));
    // Like the embedded broker and database, the workers' ops endpoints listen on loopback only.
    headless.put("codegen.ops.address", "127.0.0.1");
    Map<String, String> front = new LinkedHashMap<>(common);
    front.putAll(gateway);
    try {
      stack.run(
          PluginWorkerApplication.class,
          PluginWorkerApplication::builder,
          withOpsPort(headless, pluginsOpsPort));
      stack.run(
          GenerationWorkerApplication.class,
          GenerationWorkerApplication::builder,
          withOpsPort(headless, workerOpsPort));
      stack.run(GatewayApplication.class, GatewayApplication::builder, front);
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
    return stack;
  }

  /**
   * Each worker gets its own ops port: one CODEGEN_OPS_PORT in the environment would make the two
   * worker contexts of this JVM fight over it.
   */
  private static Map<String, String> withOpsPort(Map<String, String> properties, int port) {
    Map<String, String> own = new LinkedHashMap<>(properties);
    own.put("codegen.ops.port", String.valueOf(port));
    return own;
  }

  /** The port the gateway actually listens on. */
  int httpPort() {
    return gateway().getEnvironment().getRequiredProperty("local.server.port", Integer.class);
  }

  /** The port the plugin worker serves /metrics and /health on. */
  int pluginsOpsPort() {
    return opsPort(contexts.get(0));
  }

  /** The port the generation worker serves /metrics and /health on. */
  int workerOpsPort() {
    return opsPort(contexts.get(1));
  }

  private static int opsPort(ConfigurableApplicationContext context) {
    return context.getEnvironment().getRequiredProperty(OpsServer.PORT_PROPERTY, Integer.class);
  }

  /** The gateway's context, e.g. for tests that need one of its beans. */
  ConfigurableApplicationContext gateway() {
    return contexts.get(contexts.size() - 1);
  }

  /** Closes the services in reverse start order: the front door first, the last stage last. */
  @Override
  public void close() {
    for (int i = contexts.size() - 1; i >= 0; i--) {
      contexts.get(i).close();
    }
    contexts.clear();
  }

  private void run(
      Class<?> application,
      Supplier<SpringApplicationBuilder> builder,
      Map<String, String> properties) {
    // Command-line arguments outrank each service's own yml, which already maps CODEGEN_* on its
    // own; builder.properties() would be defaults that the yml overrides.
    String[] args =
        properties.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    contexts.add(
        builder
            .get()
            // Otherwise each service logs "Started CodegenLauncher", deduced from the stack.
            .main(application)
            // The launcher's own hook closes the services before the broker and the database.
            .registerShutdownHook(false)
            .run(args));
  }
}
