package dev.codegen.launcher;

import dev.codegen.gateway.auth.AuthProperties;
import dev.codegen.worker.GenerationWorkerApplication;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the whole service in one JVM: embedded Kafka, embedded PostgreSQL, all three services. Modes
 * (standalone, single service, broker only) belong to {@code bin/codegen}; this has none.
 */
public final class CodegenLauncher {

  private static final Logger log = LoggerFactory.getLogger(CodegenLauncher.class);

  private CodegenLauncher() {}

  public static void main(String[] args) {
    // The generation worker's model calls pass through the common pool (see there).
    GenerationWorkerApplication.commonPoolOfAtLeastTwo();
    try {
      launch(System.getenv(), System.out);
    } catch (RuntimeException e) {
      log.error("CodeGen Service did not start: {}", e.getMessage(), e);
      System.exit(1);
    }
  }

  /**
   * Starts the stack configured by {@code env}, arranges its shutdown and greets on {@code out}.
   */
  static CodegenStack launch(Map<String, String> env, PrintStream out) {
    long started = System.nanoTime();
    CodegenStack stack = CodegenStack.start(StandaloneSettings.fromEnvironment(env));
    Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "codegen-shutdown"));
    out.println(banner(stack, Duration.ofNanos(System.nanoTime() - started)));
    return stack;
  }

  static String banner(CodegenStack stack, Duration startup) {
    return banner(stack, startup, System.getenv("CODEGEN_ADMIN_API_KEY"));
  }

  /**
   * The banner; with {@code adminKey} configured it names the variable rather than printing the
   * key, without it it shows the documented development key the gateway then accepts.
   */
  static String banner(CodegenStack stack, Duration startup, String adminKey) {
    String api = "http://localhost:" + stack.httpPort();
    boolean configured = adminKey != null && !adminKey.isBlank();
    String key =
        configured
            ? "the value of CODEGEN_ADMIN_API_KEY"
            : AuthProperties.DEVELOPMENT_KEY
                + " (development only; set CODEGEN_ADMIN_API_KEY for your own)";
    String keyShell = configured ? "$CODEGEN_ADMIN_API_KEY" : AuthProperties.DEVELOPMENT_KEY;
    return String.join(
        System.lineSeparator(),
        "",
        String.format(
            "CodeGen Service is ready in %.1f s: API at %s", startup.toMillis() / 1000.0, api),
        "  Kafka:      " + stack.bootstrapServers() + (stack.embeddedKafka() ? " (embedded)" : ""),
        "  PostgreSQL: "
            + withoutCredentials(stack.database().url())
            + (stack.embeddedDatabase() ? " (embedded)" : ""),
        "  Metrics:    "
            + api
            + "/metrics (gateway), http://localhost:"
            + stack.workerOpsPort()
            + "/metrics (generation worker), http://localhost:"
            + stack.pluginsOpsPort()
            + "/metrics (plugin worker)",
        "  API key:    " + key + ", gateway on loopback only",
        "  Dashboard:  " + api + "/dashboard/ (asks for the key once), API docs: " + api + "/docs/",
        "  Try:        curl -i -X POST "
            + api
            + "/generate -H \"X-API-Key: "
            + keyShell
            + "\" -H 'Content-Type: application/json' "
            + "-d '{\"prompt\": \"a hello world program\", \"language\": \"java\"}'",
        "  Then:       curl -H \"X-API-Key: "
            + keyShell
            + "\" "
            + api
            + "/jobs/<id from the Location header>",
        "  Stop with Ctrl+C.",
        "");
  }

  /** A database URL fit for the console: user info and password parameters removed. */
  static String withoutCredentials(String url) {
    return url.replaceAll("//[^/@]*@", "//").replaceAll("(?i)(password=)[^&]*", "$1***");
  }
}
