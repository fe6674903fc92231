package dev.codegen.ops;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the ops endpoint listens ({@code codegen.ops.*}).
 *
 * @param port TCP port (env {@code CODEGEN_OPS_PORT}); {@code -1} starts no server, {@code 0} takes
 *     a free port (tests, several services in one JVM) published as {@value
 *     OpsServer#PORT_PROPERTY}
 * @param address interface to bind (env {@code CODEGEN_OPS_ADDRESS}); all interfaces by default,
 *     because Prometheus and the orchestrator's probes reach a container on its own address, not on
 *     its loopback. The endpoint serves no secrets and accepts nothing but GET.
 */
@ConfigurationProperties("codegen.ops")
public record OpsProperties(Integer port, String address) {

  /** The port value that turns the server off. */
  public static final int OFF = -1;

  public OpsProperties {
    port = port == null ? OFF : port;
    address = address == null || address.isBlank() ? "0.0.0.0" : address.strip();
    if (port < OFF || port > 65_535) {
      throw new IllegalArgumentException(
          "codegen.ops.port must be -1 (off), 0 (any free port) or 1-65535, not " + port);
    }
  }

  /** Whether a server should start. */
  public boolean enabled() {
    return port != OFF;
  }
}
