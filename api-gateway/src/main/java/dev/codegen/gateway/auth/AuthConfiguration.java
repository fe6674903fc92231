package dev.codegen.gateway.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Wires keys: the bootstrap admin key (configured, or in development the documented development key
 * while the gateway listens on loopback only), the key cache and its change listener, and the
 * filter in front of every endpoint.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthProperties.class)
class AuthConfiguration {

  private static final Logger log = LoggerFactory.getLogger(AuthConfiguration.class);

  @Bean
  ApiKeys apiKeys(
      ApiKeyStore store,
      AuthProperties properties,
      @Value("${codegen.environment:development}") String environment,
      @Value("${server.address:}") String address) {
    return new ApiKeys(
        store, properties, bootstrapKey(properties, environment, address), Clock.systemUTC());
  }

  @Bean
  KeyChanges keyChanges(DataSource dataSource, ApiKeys keys) {
    return new KeyChanges(dataSource, keys);
  }

  @Bean
  FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(ApiKeys keys, AuthProperties properties) {
    FilterRegistrationBean<ApiKeyFilter> registration =
        new FilterRegistrationBean<>(new ApiKeyFilter(keys, properties.metricsPublic()));
    // After the body size limit (highest precedence), before everything else.
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  /**
   * The configured admin key; in development without one, the documented development key, and only
   * while the gateway listens on loopback. Production without an admin key does not start.
   */
  static String bootstrapKey(AuthProperties properties, String environment, String address) {
    if (properties.adminKeyConfigured()) {
      if (properties.adminKey().strip().length() < 16) {
        throw new IllegalStateException(
            "CODEGEN_ADMIN_API_KEY is too short: use at least 16 characters"
                + " (for example the output of: openssl rand -base64 32)");
      }
      return properties.adminKey().strip();
    }
    if (!"development".equals(environment)) {
      throw new IllegalStateException(
          "CODEGEN_ADMIN_API_KEY is not set: the gateway does not start in "
              + environment
              + " without an admin key");
    }
    if (!loopback(address)) {
      throw new IllegalStateException(
          "CODEGEN_ADMIN_API_KEY is not set and the gateway would listen on "
              + address
              + ": the development key is only accepted on loopback"
              + " (set CODEGEN_ADMIN_API_KEY, or CODEGEN_HTTP_ADDRESS=127.0.0.1)");
    }
    log.warn(
        "development mode without CODEGEN_ADMIN_API_KEY: the development admin key {} is accepted"
            + " (listening on loopback only)",
        AuthProperties.DEVELOPMENT_KEY);
    return AuthProperties.DEVELOPMENT_KEY;
  }

  static boolean loopback(String address) {
    if (address == null || address.isBlank()) {
      return false; // every interface
    }
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
