package dev.codegen.gateway.limits;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The price table and the reservation estimate, one of each per gateway. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PricingProperties.class)
class LimitsConfiguration {

  @Bean
  PriceTable priceTable(PricingProperties properties) {
    return new PriceTable(properties);
  }

  @Bean
  TokenEstimate tokenEstimate(
      @Value("${codegen.gateway.max-tokens-limit:2048}") int defaultOutputTokens,
      PriceTable prices) {
    // The output limit of a request without max_tokens (JobLimits#maxTokensLimit, read here by
    // name so that limits does not depend on the job package).
    return new TokenEstimate(defaultOutputTokens, prices);
  }
}
