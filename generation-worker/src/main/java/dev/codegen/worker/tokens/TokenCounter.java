package dev.codegen.worker.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts tokens the way the GPT-4.1 family does (o200k_base). Named explicitly: jtokkit's model
 * lookup maps gpt-4.1 to cl100k_base, which undercounts. Loading the encoding takes about a second,
 * so make one per process; counting is thread-safe.
 */
public final class TokenCounter {

  private final Encoding encoding;

  public TokenCounter() {
    this.encoding = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
  }

  /** The number of tokens in {@code text} (0 for null). */
  public int count(String text) {
    if (text == null || text.isEmpty()) {
      return 0;
    }
    return encoding.countTokensOrdinary(text);
  }
}
