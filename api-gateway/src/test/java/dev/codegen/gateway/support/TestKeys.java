package dev.codegen.gateway.support;

import dev.codegen.gateway.auth.AuthProperties;
import dev.codegen.gateway.auth.Caller;
import dev.codegen.gateway.auth.KeyLimits;
import dev.codegen.gateway.auth.Role;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The key the tests present unless a test is about keys: the development admin key, which a gateway
 * in development without {@code CODEGEN_ADMIN_API_KEY} accepts on loopback, for the tenant {@code
 * default}. MockMvc requests carry it by default (a request may set its own).
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestKeys {

  public static final String HEADER = "X-API-Key";
  public static final String KEY = AuthProperties.DEVELOPMENT_KEY;
  public static final String TENANT = "default";

  /** The caller the development key resolves to, for tests that call services directly. */
  public static final Caller CALLER = new Caller(null, TENANT, Role.ADMIN, "test", KeyLimits.NONE);

  @Bean
  MockMvcBuilderCustomizer developmentKeyByDefault() {
    return builder -> builder.defaultRequest(MockMvcRequestBuilders.get("/").header(HEADER, KEY));
  }
}
