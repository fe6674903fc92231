package dev.codegen.gateway.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Keys and who may call what ({@code codegen.auth.*}).
 *
 * @param adminKey the bootstrap admin key ({@code CODEGEN_ADMIN_API_KEY}); required in production
 * @param adminTenant the tenant whose jobs the bootstrap admin key submits and reads
 * @param metricsPublic whether {@code GET /metrics} is open (otherwise it needs an admin key)
 * @param cacheTtl how long an instance trusts a key it looked up; revocations and rotations reach
 *     every instance at once through PostgreSQL notifications, this only bounds a lost one
 */
@ConfigurationProperties("codegen.auth")
public record AuthProperties(
    String adminKey,
    @DefaultValue("default") String adminTenant,
    @DefaultValue("false") boolean metricsPublic,
    @DefaultValue("30s") Duration cacheTtl) {

  /**
   * The documented key the one-command run accepts in development when no admin key is configured.
   * Never accepted in production, and only while the gateway listens on loopback.
   */
  public static final String DEVELOPMENT_KEY = "cg_dev_local_only_not_for_production";

  public boolean adminKeyConfigured() {
    return adminKey != null && !adminKey.isBlank();
  }
}
