package dev.codegen.worker;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Generation settings.
 *
 * @param provider {@code auto} (openai when a key is set, else offline), {@code openai} or {@code
 *     offline} ({@code CODEGEN_PROVIDER})
 * @param maxInputTokens prompts above this many tokens are refused ({@code
 *     CODEGEN_MAX_INPUT_TOKENS})
 * @param maxTokensLimit the highest {@code max_tokens} and the default ({@code
 *     CODEGEN_MAX_TOKENS_LIMIT})
 */
@ConfigurationProperties("codegen.generation")
public record GenerationProperties(
    String provider, Integer maxInputTokens, Integer maxTokensLimit) {

  public GenerationProperties {
    provider = provider == null || provider.isBlank() ? "auto" : provider.strip();
    maxInputTokens = maxInputTokens == null ? 8000 : maxInputTokens;
    maxTokensLimit = maxTokensLimit == null ? 2048 : maxTokensLimit;
  }
}
