package dev.codegen.gateway.limits;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * What an accepted job reserves against its key's token limits: its prompt's tokens (o200k_base,
 * the encoding of the current OpenAI families; the worker counts exactly, per model, and the job
 * settles with the provider's reported usage) plus its output limit. Counted only for keys with a
 * token limit, so unlimited keys pay nothing for it on the accept path.
 */
public final class TokenEstimate {

  private final Encoding encoding =
      Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
  private final int defaultOutputTokens;

  /**
   * @param defaultOutputTokens the output limit of a request without {@code max_tokens}
   */
  public TokenEstimate(int defaultOutputTokens) {
    this.defaultOutputTokens = defaultOutputTokens;
  }

  /** The tokens a job with {@code prompt} and {@code maxTokens} (or none) reserves. */
  public long reserve(String prompt, Integer maxTokens) {
    return (long) encoding.countTokensOrdinary(prompt)
        + (maxTokens == null ? defaultOutputTokens : maxTokens);
  }
}
