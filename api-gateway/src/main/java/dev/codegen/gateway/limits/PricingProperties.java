package dev.codegen.gateway.limits;

import java.math.BigDecimal;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The price table for cost budgets and {@code GET /usage} ({@code codegen.pricing.*}).
 *
 * @param defaultModel the model a request without one is priced at (the workers' default model)
 * @param models US dollars per million input and output tokens by model name prefix (the longest
 *     matching prefix wins); a model matching none costs nothing
 */
@ConfigurationProperties("codegen.pricing")
public record PricingProperties(
    @DefaultValue("gpt-4.1") String defaultModel, Map<String, Price> models) {

  public PricingProperties {
    models = models == null ? Map.of() : Map.copyOf(models);
  }

  /** Dollars per million tokens. */
  public record Price(BigDecimal inputPerMillion, BigDecimal outputPerMillion) {}
}
