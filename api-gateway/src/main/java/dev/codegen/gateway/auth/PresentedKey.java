package dev.codegen.gateway.auth;

/**
 * The key a request presents, read the same way over HTTP and from a bulk record's headers: {@code
 * Authorization: Bearer <key>} or {@code X-API-Key: <key>} (both may be sent if they agree).
 *
 * @param key the key, or {@code null} when {@link #problem()} says why there is none usable
 * @param problem why the presented credentials are refused, or {@code null}
 * @param present whether any credentials were presented at all
 */
public record PresentedKey(String key, String problem, boolean present) {

  public static final String API_KEY_HEADER = "X-API-Key";
  private static final int MAX_KEY_CHARS = 256;

  /** Reads the two headers' values ({@code null} when absent). */
  public static PresentedKey of(String authorization, String apiKey) {
    if (authorization == null && apiKey == null) {
      return refused(
          "an API key is required: send Authorization: Bearer <key> or X-API-Key: <key>", false);
    }
    String key;
    if (authorization != null) {
      int space = authorization.indexOf(' ');
      if (space < 0 || !authorization.substring(0, space).equalsIgnoreCase("Bearer")) {
        return refused("the Authorization header must use the Bearer scheme", true);
      }
      key = authorization.substring(space + 1).strip();
    } else {
      key = apiKey.strip();
    }
    if (key.isEmpty() || key.length() > MAX_KEY_CHARS || !printableAscii(key)) {
      return refused("the API key is malformed", true);
    }
    if (authorization != null && apiKey != null && !apiKey.strip().equals(key)) {
      return refused("Authorization and X-API-Key name different keys", true);
    }
    return new PresentedKey(key, null, true);
  }

  public boolean usable() {
    return key != null;
  }

  private static PresentedKey refused(String problem, boolean present) {
    return new PresentedKey(null, problem, present);
  }

  private static boolean printableAscii(String key) {
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c <= ' ' || c > '~') {
        return false;
      }
    }
    return true;
  }
}
