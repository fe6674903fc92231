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

  public static void main(String[] args) {
    builder().run(args);
  }

  /** A builder preconfigured for this service; the launcher adds its own properties. */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(GenerationWorkerApplication.class)
        .properties("spring.config.name=" + CONFIG_NAME)
        .web(org.springframework.boot.WebApplicationType.NONE);
  }
}
