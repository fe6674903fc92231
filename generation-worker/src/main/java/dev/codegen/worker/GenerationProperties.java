package dev.codegen.worker;

import dev.codegen.worker.generation.CpuPool;
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
 * @param cpuThreads threads for the jobs' CPU work; 0 or unset means one per core ({@code
 *     CODEGEN_WORKER_CPU_THREADS})
 */
@ConfigurationProperties("codegen.generation")
public record GenerationProperties(
    String provider, Integer maxInputTokens, Integer maxTokensLimit, Integer cpuThreads) {

  public GenerationProperties {
    provider = provider == null || provider.isBlank() ? "auto" : provider.strip();
    maxInputTokens = maxInputTokens == null ? 8000 : maxInputTokens;
    maxTokensLimit = maxTokensLimit == null ? 2048 : maxTokensLimit;
    cpuThreads = cpuThreads == null || cpuThreads < 1 ? CpuPool.defaultThreads() : cpuThreads;
  }
}
