package dev.codegen.worker.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts tokens with a named encoding (the model family's, from {@link ModelCatalogue}; jtokkit's
 * own model lookup maps gpt-4.1 to cl100k_base, which undercounts). An encoding is loaded the first
 * time it is asked for, once per process (about a second and, for o200k_base, some 30 MB of heap),
 * so make one counter per process; counting is thread-safe.
 */
public final class TokenCounter {

  /** What {@link #count(String)} counts with: the default model's and the offline provider's. */
  public static final EncodingType DEFAULT_ENCODING = EncodingType.O200K_BASE;

  private final EncodingRegistry registry = Encodings.newLazyEncodingRegistry();
  private final Map<EncodingType, Encoding> loaded = new ConcurrentHashMap<>();

  /** The number of tokens of {@code text} in o200k_base (0 for null). */
  public int count(String text) {
    return count(DEFAULT_ENCODING, text);
  }

  /** The number of tokens of {@code text} in {@code encoding} (0 for null). */
  public int count(EncodingType encoding, String text) {
    if (text == null || text.isEmpty()) {
      return 0;
    }
    return encoding(encoding).countTokensOrdinary(text);
  }

  /** Loads {@code encoding} now, e.g. at warm-up, if it is not loaded yet. */
  public void load(EncodingType encoding) {
    encoding(encoding);
  }

  private Encoding encoding(EncodingType type) {
    return loaded.computeIfAbsent(type, registry::getEncoding);
  }
}
