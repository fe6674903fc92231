package dev.codegen.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Making and recognising key secrets. A key is {@code cg_} followed by 32 random bytes in base64url
 * (46 characters); it is stored as its SHA-256 and shown afterwards by its first {@value
 * #PREFIX_CHARS} characters.
 */
public final class ApiKeySecrets {

  static final String SCHEME = "cg_";
  static final int PREFIX_CHARS = 11;

  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeySecrets() {}

  /** A new random key. */
  public static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return SCHEME + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The stored form of {@code key}. */
  public static byte[] hash(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /**
   * What may be shown of {@code key}: the start of one of our keys, or for a key chosen by hand
   * (the bootstrap admin key) a fingerprint of its hash, so that no part of it leaks.
   */
  public static String prefix(String key) {
    if (key.startsWith(SCHEME) && key.length() > PREFIX_CHARS + 8) {
      return key.substring(0, PREFIX_CHARS);
    }
    StringBuilder hex = new StringBuilder("cfg_");
    byte[] hash = hash(key);
    for (int i = 0; i < 4; i++) {
      hex.append(String.format("%02x", hash[i]));
    }
    return hex.toString();
  }
}
