package dev.codegen.gateway.limits;

import dev.codegen.gateway.job.JobLimits;
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
  TokenEstimate tokenEstimate(JobLimits limits, PriceTable prices) {
    return new TokenEstimate(limits.maxTokensLimit(), prices);
  }
}
