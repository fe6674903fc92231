package dev.codegen.worker.openai;

import com.openai.client.OpenAIClientAsync;
import com.openai.client.OpenAIClientAsyncImpl;
import com.openai.core.ClientOptions;
import com.openai.core.JsonValue;
import com.openai.core.ObjectMappers;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseOutputMessage;
import dev.codegen.model.Language;
import dev.codegen.model.TokenUsage;
import dev.codegen.worker.generation.CodeGenerator;
import dev.codegen.worker.generation.ModelRequest;
import dev.codegen.worker.generation.ModelResult;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code openai} provider: the official SDK's asynchronous Responses API over {@link
 * JdkHttpTransport}, so a call waiting for the model holds no thread. One client per process (it
 * holds the connection pool); the SDK owns retries, honouring {@code Retry-After}. SDK types
 * (Jackson 2) never leave this package.
 */
public final class OpenAiCodeGenerator implements CodeGenerator, AutoCloseable {

  public static final String PROVIDER = "openai";

  static final int MIN_OUTPUT_TOKENS = 16;

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(OpenAiCodeGenerator.class);

  /** An answer of the Responses API's shape, parsed once by {@link #warmUp}. */
  private static final String WARM_UP_ANSWER =
      """
      {"id":"resp_warm_up","object":"response","created_at":0,"model":"gpt-4.1",\
      "status":"completed","parallel_tool_calls":false,"tool_choice":"auto","tools":[],\
      "output":[{"type":"message","id":"msg_1","role":"assistant","status":"completed",\
      "content":[{"type":"output_text","text":"```java\\nclass A {}\\n```","annotations":[]}]}],\
      "usage":{"input_tokens":8,"input_tokens_details":{"cached_tokens":0},"output_tokens":8,\
      "output_tokens_details":{"reasoning_tokens":0},"total_tokens":16}}""";

  private final OpenAIClientAsync client;
  private final JdkHttpTransport transport;
  private final OpenAiProperties properties;

  /**
   * @param cpu where answers are parsed and handed on (never the HTTP client's selector thread)
   */
  public OpenAiCodeGenerator(OpenAiProperties properties, Executor cpu) {
    this.properties = properties;
    Duration connect =
        properties.timeout().compareTo(CONNECT_TIMEOUT) < 0
            ? properties.timeout()
            : CONNECT_TIMEOUT;
    this.transport = new JdkHttpTransport(connect, cpu);
    this.client =
        new OpenAIClientAsyncImpl(
            ClientOptions.builder()
                .httpClient(transport)
                .apiKey(properties.apiKey())
                .baseUrl(properties.baseUrl())
                .maxRetries(properties.maxRetries())
                .timeout(properties.timeout())
                .build());
  }

  @Override
  public CompletableFuture<ModelResult> generate(ModelRequest request) {
    String model = modelFor(request.model());
    String callId = UUID.randomUUID().toString();
    ResponseCreateParams params = params(request, model, callId);
    CompletableFuture<Response> call;
    try {
      call = client.responses().create(params);
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(
          OpenAiFailures.map(e, model, properties.maxRetries()));
    }
    call.whenComplete((response, error) -> transport.release(callId));
    CompletableFuture<ModelResult> result =
        call.handle((response, error) -> result(response, error, model, request));
    // Cancelling the result (a cancelled or abandoned job) aborts the exchange on the wire: the
    // SDK's futures do not pass cancellation on, so the transport is told by the call's name.
    result.whenComplete(
        (ignored, error) -> {
          if (result.isCancelled()) {
            transport.abort(callId);
          }
        });
    return result;
  }

  @Override
  public String modelFor(String requested) {
    return requested == null ? properties.model() : requested;
  }

  @Override
  public String instructions(Language language) {
    return Instructions.forLanguage(language);
  }

  private ResponseCreateParams params(ModelRequest request, String model, String callId) {
    ResponseCreateParams.Metadata.Builder metadata =
        ResponseCreateParams.Metadata.builder()
            .putAdditionalProperty("language", JsonValue.from(request.language().wireName()));
    if (request.repair() != null) {
      // Lets a provider's logs tell a repair from a first answer; the input says what to fix.
      metadata.putAdditionalProperty(
          "attempt", JsonValue.from(String.valueOf(request.repair().attempt())));
    }
    return ResponseCreateParams.builder()
        .putAdditionalHeader(JdkHttpTransport.CALL_HEADER, callId)
        .model(model)
        .instructions(instructions(request.language()))
        .input(request.prompt())
        // The Responses API refuses max_output_tokens below 16 with a 400.
        .maxOutputTokens(Math.max(MIN_OUTPUT_TOKENS, request.maxOutputTokens()))
        .metadata(metadata.build())
        .build();
  }

  /** A request built and written as the SDK would send it, and a canned answer read through it. */
  @Override
  public void warmUp() {
    ModelRequest request =
        new ModelRequest("warm-up", "a function that adds two numbers", Language.JAVA, 64, null, 8);
    try {
      ResponseCreateParams params = params(request, properties.model(), "warm-up");
      ObjectMappers.jsonMapper().writeValueAsString(params._body());
      Response response = ObjectMappers.jsonMapper().readValue(WARM_UP_ANSWER, Response.class);
      answer(response, properties.model(), request);
    } catch (IOException | RuntimeException e) {
      // Only a warm-up: the first job pays for whatever did not load here.
      log.debug("Model client warm-up failed: {}", e.toString());
    }
  }

  private ModelResult result(
      Response response, Throwable error, String model, ModelRequest request) {
    try {
      if (error != null) {
        Throwable cause = JdkHttpTransport.unwrap(error);
        throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
      }
      return answer(response, model, request);
    } catch (RuntimeException e) {
      return OpenAiFailures.map(e, model, properties.maxRetries());
    }
  }

  private static ModelResult answer(Response response, String model, ModelRequest request) {
    StringBuilder text = new StringBuilder();
    for (ResponseOutputItem item : response.output()) {
      item.message().map(ResponseOutputMessage::content).stream()
          .flatMap(List::stream)
          .forEach(content -> content.outputText().ifPresent(t -> text.append(t.text())));
    }
    if (text.toString().isBlank()) {
      return OpenAiFailures.malformed(model, "the provider's response contained no output text");
    }
    TokenUsage usage =
        response
            .usage()
            .map(u -> new TokenUsage(u.inputTokens(), u.outputTokens(), u.totalTokens()))
            .orElseGet(() -> TokenUsage.of(request.inputTokens(), 0));
    return new ModelResult.Answer(PROVIDER, model, text.toString(), false, usage);
  }

  @Override
  public void close() {
    client.close();
  }
}
