package dev.codegen.gateway.limits;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * What an accepted job reserves against its key's limits: its prompt's tokens (o200k_base, the
 * encoding of the current OpenAI families; the worker counts exactly, per model, and the job
 * settles with the provider's reported usage) plus its output limit, and what those would cost at
 * its model's price. Counted only for keys with a token limit or a cost budget, so other keys pay
 * nothing for it on the accept path.
 */
public final class TokenEstimate {

  /** A reservation: tokens, and their cost in nano-dollars. */
  public record Reservation(long tokens, long costNanos) {
    public static final Reservation NONE = new Reservation(0, 0);
  }

  private final Encoding encoding =
      Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
  private final int defaultOutputTokens;
  private final PriceTable prices;

  /**
   * @param defaultOutputTokens the output limit of a request without {@code max_tokens}
   * @param prices what tokens cost
   */
  public TokenEstimate(int defaultOutputTokens, PriceTable prices) {
    this.defaultOutputTokens = defaultOutputTokens;
    this.prices = prices;
  }

  /** What a job with {@code prompt}, {@code maxTokens} (or none) and {@code model} reserves. */
  public Reservation reserve(String prompt, Integer maxTokens, String model) {
    long input = encoding.countTokensOrdinary(prompt);
    long output = maxTokens == null ? defaultOutputTokens : maxTokens;
    return new Reservation(input + output, prices.nanos(model, input, output));
  }
}
