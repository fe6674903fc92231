package dev.codegen.plugin;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The plugin worker: post-processing plugins, each a Kafka topic stage.
 *
 * <p>Its configuration lives in {@code plugin-worker.yml}, not {@code application.yml}, so that the
 * launcher can run every service in one JVM without their settings colliding.
 *
 * <p>The format stage needs {@code --add-exports} flags for javac internals (see {@code
 * JavaFormatPlugin.REQUIRED_JVM_FLAGS}); {@code java -jar} on the exec jar gets them from its
 * manifest.
 */
@SpringBootApplication
public class PluginWorkerApplication {

  /** The configuration file name (without extension) this service reads. */
  public static final String CONFIG_NAME = "plugin-worker";

  public static void main(String[] args) {
    builder().run(args);
  }

  /** A builder preconfigured for this service; the launcher adds its own properties. */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(PluginWorkerApplication.class)
        .properties(
            "spring.config.name=" + CONFIG_NAME,
            // A default, not a file setting: the launcher's own builder property replaces it.
            "spring.kafka.bootstrap-servers=${codegen.kafka.bootstrap-servers:localhost:9092}")
        .web(org.springframework.boot.WebApplicationType.NONE);
  }
}
