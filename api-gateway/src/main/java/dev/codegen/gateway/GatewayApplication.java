package dev.codegen.gateway;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The HTTP front door: accepts jobs, owns the job store, the outbox and the projector.
 *
 * <p>Its configuration lives in {@code gateway.yml}, not {@code application.yml}, so that the
 * launcher can run every service in one JVM without their settings colliding.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

  /** The configuration file name (without extension) this service reads. */
  public static final String CONFIG_NAME = "gateway";

  public static void main(String[] args) {
    builder().run(args);
  }

  /** A builder preconfigured for this service; the launcher adds its own properties. */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(GatewayApplication.class)
        .properties("spring.config.name=" + CONFIG_NAME);
  }
}
