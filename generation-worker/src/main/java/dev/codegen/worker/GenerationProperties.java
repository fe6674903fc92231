package dev.codegen.worker;

import dev.codegen.worker.generation.CpuPool;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Generation settings.
 *
 * @param provider {@code auto} (openai when a key is set, else offline), {@code openai} or {@code
 *     offline} ({@code CODEGEN_PROVIDER})
 * @param maxInputTokens prompts whose tokens with the instructions are more are refused ({@code
 *     CODEGEN_MAX_INPUT_TOKENS})
 * @param maxTokensLimit the highest {@code max_tokens} and the default ({@code
 *     CODEGEN_MAX_TOKENS_LIMIT}), lowered to the model's most output tokens when that is less
 * @param maxTokensPolicy {@code refuse} (default) or {@code clamp} a {@code max_tokens} above the
 *     limit ({@code CODEGEN_MAX_TOKENS_POLICY})
 * @param models model catalogue entries added or overridden, a JSON array inline or a file's path
 *     ({@code CODEGEN_MODELS}; see {@link dev.codegen.worker.tokens.ModelCatalogue#withOverrides})
 * @param cpuThreads threads for the jobs' CPU work; 0 or unset means one per core ({@code
 *     CODEGEN_WORKER_CPU_THREADS})
 * @param gatesBlockAt the least severity of a gate finding that refuses the job: {@code low},
 *     {@code medium} (default), {@code high}, {@code critical} or {@code never} ({@code
 *     CODEGEN_GATES_BLOCK_AT}); milder findings are attached to the job
 * @param gatesTimeout how long the gates may take on one text before the job is refused ({@code
 *     CODEGEN_GATES_TIMEOUT}, default 2s)
 */
@ConfigurationProperties("codegen.generation")
public record GenerationProperties(
    String provider,
    Integer maxInputTokens,
    Integer maxTokensLimit,
    String maxTokensPolicy,
    String models,
    Integer cpuThreads,
    String gatesBlockAt,
    Duration gatesTimeout) {

  public GenerationProperties {
    provider = provider == null || provider.isBlank() ? "auto" : provider.strip();
    maxInputTokens = maxInputTokens == null ? 8000 : maxInputTokens;
    maxTokensLimit = maxTokensLimit == null ? 2048 : maxTokensLimit;
    maxTokensPolicy =
        maxTokensPolicy == null || maxTokensPolicy.isBlank() ? "refuse" : maxTokensPolicy.strip();
    models = models == null ? "" : models.strip();
    cpuThreads = cpuThreads == null || cpuThreads < 1 ? CpuPool.defaultThreads() : cpuThreads;
    gatesBlockAt = gatesBlockAt == null || gatesBlockAt.isBlank() ? "medium" : gatesBlockAt.strip();
    gatesTimeout = gatesTimeout == null ? Duration.ofSeconds(2) : gatesTimeout;
  }
}
