package dev.codegen.gateway.job;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A request's {@code Idempotency-Key} and a digest of the request it came with.
 *
 * @param key the header's value
 * @param bodySha256 SHA-256 of the request as parsed (whitespace does not matter, field order does)
 */
public record Idempotency(String key, byte[] bodySha256) {

  public static Idempotency of(String key, String canonicalBody) {
    try {
      return new Idempotency(
          key,
          MessageDigest.getInstance("SHA-256")
              .digest(canonicalBody.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
