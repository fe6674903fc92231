package dev.codegen.worker.tokens;

import com.knuddels.jtokkit.api.EncodingType;

/**
 * What the token guard rails know about the models whose names start with {@code prefix}.
 *
 * @param prefix model names equal to it, or continuing it after a {@code -}, belong to the family;
 *     {@link ModelCatalogue#DEFAULT_PREFIX} for the family of unknown models
 * @param encoding the tokenizer the family counts with
 * @param contextWindow the most tokens of input plus output one call may use
 * @param maxOutputTokens the most output tokens one call may ask for
 */
public record ModelFamily(
    String prefix, EncodingType encoding, int contextWindow, int maxOutputTokens) {

  public ModelFamily {
    if (prefix == null || prefix.isBlank()) {
      throw new IllegalArgumentException("a model family needs a prefix");
    }
    if (encoding == null) {
      throw new IllegalArgumentException(prefix + ": no encoding");
    }
    if (contextWindow < 1 || maxOutputTokens < 1) {
      throw new IllegalArgumentException(
          prefix + ": context window and max output tokens must be positive");
    }
    if (maxOutputTokens > contextWindow) {
      throw new IllegalArgumentException(
          prefix
              + ": max output tokens "
              + maxOutputTokens
              + " above the context window "
              + contextWindow);
    }
  }

  /** The encoding's name as OpenAI spells it, e.g. {@code o200k_base}. */
  public String encodingName() {
    return encoding.getName();
  }
}
