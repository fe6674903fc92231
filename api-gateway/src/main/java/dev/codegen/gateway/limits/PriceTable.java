package dev.codegen.gateway.limits;

import java.math.BigDecimal;
import java.util.Map;

/**
 * What tokens cost, in nano-dollars: a price of P dollars per million tokens is P * 1000
 * nano-dollars per token, exact for prices with up to three decimals.
 */
public final class PriceTable {

  private static final BigDecimal NANOS_PER_TOKEN_PER_DOLLAR_PER_MILLION = BigDecimal.valueOf(1000);

  private final PricingProperties properties;

  public PriceTable(PricingProperties properties) {
    this.properties = properties;
  }

  /** The cost of {@code input} and {@code output} tokens of {@code model} (or the default). */
  public long nanos(String model, long input, long output) {
    PricingProperties.Price price = price(model == null ? properties.defaultModel() : model);
    if (price == null) {
      return 0;
    }
    return perToken(price.inputPerMillion()) * input + perToken(price.outputPerMillion()) * output;
  }

  private PricingProperties.Price price(String model) {
    PricingProperties.Price best = null;
    int bestLength = -1;
    for (Map.Entry<String, PricingProperties.Price> entry : properties.models().entrySet()) {
      String prefix = entry.getKey();
      if (model.startsWith(prefix) && prefix.length() > bestLength) {
        best = entry.getValue();
        bestLength = prefix.length();
      }
    }
    return best;
  }

  private static long perToken(BigDecimal dollarsPerMillion) {
    return dollarsPerMillion == null
        ? 0
        : dollarsPerMillion.multiply(NANOS_PER_TOKEN_PER_DOLLAR_PER_MILLION).longValue();
  }
}
