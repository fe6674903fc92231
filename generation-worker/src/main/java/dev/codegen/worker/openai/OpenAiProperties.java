package dev.codegen.worker.openai;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code openai} provider's settings ({@code CODEGEN_OPENAI_*}).
 *
 * @param apiKey the API key; blank means the provider is unavailable
 * @param baseUrl any OpenAI-compatible server (vLLM, Ollama, llama.cpp) works
 * @param model the default model
 * @param timeout the limit for one HTTP attempt
 * @param maxRetries SDK retries on 408/409/429/5xx and I/O errors; the SDK is the only retry owner
 */
@ConfigurationProperties("codegen.openai")
public record OpenAiProperties(
    String apiKey, String baseUrl, String model, Duration timeout, Integer maxRetries) {

  public OpenAiProperties {
    apiKey = apiKey == null ? "" : apiKey.strip();
    baseUrl = baseUrl == null || baseUrl.isBlank() ? "https://api.openai.com/v1" : baseUrl;
    model = model == null || model.isBlank() ? "gpt-4.1" : model;
    timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
    maxRetries = maxRetries == null ? 2 : maxRetries;
  }

  public boolean hasKey() {
    return !apiKey.isEmpty();
  }

  /** Never print the key. */
  @Override
  public String toString() {
    return "OpenAiProperties[baseUrl=%s, model=%s, timeout=%s, maxRetries=%d, apiKey=%s]"
        .formatted(baseUrl, model, timeout, maxRetries, hasKey() ? "***" : "(none)");
  }
}
