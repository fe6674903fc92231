package dev.codegen.gateway.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * A key as the admin API shows it. {@code key} (the full secret) is present only in the answer to
 * creating or rotating it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KeyView(
    UUID id,
    String key,
    String prefix,
    String name,
    String tenant,
    String role,
    @JsonInclude(JsonInclude.Include.ALWAYS) KeyLimits limits,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("rotated_at") Instant rotatedAt,
    @JsonProperty("revoked_at") Instant revokedAt) {

  KeyView withSecret(String secret) {
    return new KeyView(
        id, secret, prefix, name, tenant, role, limits, createdAt, rotatedAt, revokedAt);
  }
}
