package dev.codegen.gateway.job;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on a generation request ({@code codegen.gateway.*}).
 *
 * @param maxTokensLimit the largest {@code max_tokens} accepted ({@code CODEGEN_MAX_TOKENS_LIMIT})
 * @param maxPromptChars the longest prompt accepted, in characters
 * @param maxMetadataEntries the most metadata pairs accepted
 * @param maxMetadataChars the most characters over all metadata keys and values
 * @param maxIdChars the longest {@code custom_id}, {@code batch_id} or {@code model}
 * @param maxTokensPolicy {@code refuse} (400) or {@code clamp} (lowered to the limit) for a {@code
 *     max_tokens} above {@code maxTokensLimit} ({@code CODEGEN_MAX_TOKENS_POLICY})
 */
@ConfigurationProperties("codegen.gateway")
public record JobLimits(
    @DefaultValue("2048") int maxTokensLimit,
    @DefaultValue("32000") int maxPromptChars,
    @DefaultValue("32") int maxMetadataEntries,
    @DefaultValue("4096") int maxMetadataChars,
    @DefaultValue("200") int maxIdChars,
    @DefaultValue("refuse") String maxTokensPolicy) {

  public JobLimits {
    if (!"refuse".equals(maxTokensPolicy) && !"clamp".equals(maxTokensPolicy)) {
      throw new IllegalArgumentException(
          "CODEGEN_MAX_TOKENS_POLICY must be refuse or clamp, not " + maxTokensPolicy);
    }
  }

  /** Whether a {@code max_tokens} above the limit is lowered to it rather than refused. */
  public boolean clampMaxTokens() {
    return "clamp".equals(maxTokensPolicy);
  }
}
