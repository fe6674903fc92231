package dev.codegen.worker;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The generation worker: token guard rails, safety gates and the model call.
 *
 * <p>Its configuration lives in {@code generation-worker.yml}, not {@code application.yml}, so that
 * the launcher can run every service in one JVM without their settings colliding.
 */
@SpringBootApplication
public class GenerationWorkerApplication {

  /** The configuration file name (without extension) this service reads. */
  public static final String CONFIG_NAME = "generation-worker";

  static final String COMMON_POOL_PARALLELISM =
      "java.util.concurrent.ForkJoinPool.common.parallelism";

  public static void main(String[] args) {
    commonPoolOfAtLeastTwo();
    builder().run(args);
  }

  /**
   * The SDK's async services hand every call on with {@code thenComposeAsync} on the common pool.
   * On two cores that pool has parallelism 1, and {@code CompletableFuture} then starts a new
   * thread per task: one thread per model call. Two workers (unless set on the command line) keep
   * it a pool; it must be set before anything touches the common pool.
   */
  public static void commonPoolOfAtLeastTwo() {
    if (System.getProperty(COMMON_POOL_PARALLELISM) == null
        && Runtime.getRuntime().availableProcessors() <= 2) {
      System.setProperty(COMMON_POOL_PARALLELISM, "2");
    }
  }

  /** A builder preconfigured for this service; the launcher adds its own properties. */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(GenerationWorkerApplication.class)
        .properties("spring.config.name=" + CONFIG_NAME)
        .web(org.springframework.boot.WebApplicationType.NONE);
  }
}
