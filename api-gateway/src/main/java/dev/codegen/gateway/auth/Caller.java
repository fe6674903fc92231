package dev.codegen.gateway.auth;

import java.util.UUID;

/**
 * Who sent a request: the key it presented, resolved. Controllers receive it as the request
 * attribute {@link #ATTRIBUTE}, set by {@link ApiKeyFilter}.
 *
 * @param keyId the key's id; {@code null} for the bootstrap admin key from configuration
 * @param tenant whose work the caller sees
 * @param role what the caller may do
 * @param prefix the key's public prefix, safe to log and audit
 * @param limits the key's limits
 */
public record Caller(UUID keyId, String tenant, Role role, String prefix, KeyLimits limits) {

  public static final String ATTRIBUTE = "codegen.caller";

  public boolean admin() {
    return role == Role.ADMIN;
  }
}
