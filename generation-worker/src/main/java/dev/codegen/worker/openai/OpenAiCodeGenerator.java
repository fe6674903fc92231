package dev.codegen.worker.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseOutputMessage;
import dev.codegen.model.TokenUsage;
import dev.codegen.worker.generation.CodeGenerator;
import dev.codegen.worker.generation.ModelRequest;
import dev.codegen.worker.generation.ModelResult;

/**
 * The {@code openai} provider: the official SDK's Responses API. One client per process (it holds
 * the connection pool); the SDK owns retries, honouring {@code Retry-After}. SDK types (Jackson 2)
 * never leave this package.
 */
public final class OpenAiCodeGenerator implements CodeGenerator, AutoCloseable {

  public static final String PROVIDER = "openai";

  static final int MIN_OUTPUT_TOKENS = 16;

  private final OpenAIClient client;
  private final OpenAiProperties properties;

  public OpenAiCodeGenerator(OpenAiProperties properties) {
    this.properties = properties;
    this.client =
        OpenAIOkHttpClient.builder()
            .apiKey(properties.apiKey())
            .baseUrl(properties.baseUrl())
            .maxRetries(properties.maxRetries())
            .timeout(properties.timeout())
            .build();
  }

  @Override
  public ModelResult generate(ModelRequest request) {
    String model = request.model() == null ? properties.model() : request.model();
    ResponseCreateParams params =
        ResponseCreateParams.builder()
            .model(model)
            .instructions(Instructions.forLanguage(request.language()))
            .input(request.prompt())
            // The Responses API refuses max_output_tokens below 16 with a 400.
            .maxOutputTokens(Math.max(MIN_OUTPUT_TOKENS, request.maxOutputTokens()))
            .metadata(
                ResponseCreateParams.Metadata.builder()
                    .putAdditionalProperty(
                        "language", JsonValue.from(request.language().wireName()))
                    .build())
            .build();
    try {
      return answer(client.responses().create(params), model, request);
    } catch (RuntimeException e) {
      return OpenAiFailures.map(e, model, properties.maxRetries());
    }
  }

  private static ModelResult answer(Response response, String model, ModelRequest request) {
    StringBuilder text = new StringBuilder();
    for (ResponseOutputItem item : response.output()) {
      item.message().map(ResponseOutputMessage::content).stream()
          .flatMap(java.util.List::stream)
          .forEach(content -> content.outputText().ifPresent(t -> text.append(t.text())));
    }
    if (text.toString().isBlank()) {
      return OpenAiFailures.malformed(model, "the provider's response contained no output text");
    }
    TokenUsage usage =
        response
            .usage()
            .map(u -> new TokenUsage(u.inputTokens(), u.outputTokens(), u.totalTokens()))
            .orElseGet(() -> TokenUsage.of(request.promptTokens(), 0));
    return new ModelResult.Answer(PROVIDER, model, text.toString(), false, usage);
  }

  @Override
  public void close() {
    client.close();
  }
}
